// Node state "after this step": once the client has read the KDC's answer, its ticket cache holds
// the ticket from that answer at the answer's own step (as klist would show it right then).
import { describe, expect, it } from 'vitest';
import { engine } from './run';
import { snapshotAt, stepsOf } from './steps';

describe('node state after a KDC answer', () => {
  it('the TGT is cached at the AS-REP step and the service ticket at the TGS-REP step', () => {
    const trace = engine.run('negotiate-kerberos-http', {});
    const steps = stepsOf(trace);
    const at = (name: string) => steps.findIndex((s) => s.type === 'message' && s.name === name);
    const client = trace.nodes.find((n) => n.role === 'client')!.id;
    const servers = (i: number) => snapshotAt(trace, steps, i)!.nodes[client].tickets.map((t) => t.server);
    const asRep = at('AS-REP');
    const tgsRep = at('TGS-REP');
    expect(asRep).toBeGreaterThan(0);
    expect(servers(asRep - 1)).toEqual([]);
    expect(servers(asRep)).toEqual([expect.stringMatching(/^krbtgt\//)]);
    expect(servers(tgsRep)).toHaveLength(2);
    expect(servers(tgsRep)[1]).toMatch(/^HTTP\//);
  });
});

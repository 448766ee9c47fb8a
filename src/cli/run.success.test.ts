// The CLI's success paths through runCli: what it prints and writes is exactly the engine's trace
// and the exporters' bytes; a failed authentication is an outcome (exit 0), not an error.
import { describe, expect, it } from 'vitest';
import { runCli } from './run';
import { simulate } from '../engine/simulate';
import { traceJson, tracePcap, scenarioKeytab } from '../engine/export/traceExport';
import { getScenario } from '../scenarios';

const NOW = () => new Date('2016-10-12T09:00:00Z');

function capture(argv: string[]) {
  const written = new Map<string, Uint8Array>();
  const r = runCli(argv, { writeFile: (p, d) => { written.set(p, d); }, now: NOW });
  return { ...r, written };
}

describe('sim CLI: a scenario that runs', () => {
  it('--json prints only the JSON of the engine\'s trace', () => {
    const r = capture(['kerberos-smb', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const engine = simulate(getScenario('kerberos-smb')!, { wallClock: NOW });
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(traceJson(engine)));
    expect(r.stdout).toBe(traceJson(engine) + '\n');
  });

  it('--pcap and --keytab write the exporters\' bytes, and the terminal view names every step', () => {
    const r = capture(['kerberos-smb', '--pcap', 'k.pcap', '--keytab', 'k.keytab']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const scenario = getScenario('kerberos-smb')!;
    const engine = simulate(scenario, { wallClock: NOW });
    expect([...r.written.keys()].sort()).toEqual(['k.keytab', 'k.pcap']);
    expect(Buffer.from(r.written.get('k.pcap')!).equals(Buffer.from(tracePcap(engine)))).toBe(true);
    expect(Buffer.from(r.written.get('k.keytab')!).equals(Buffer.from(scenarioKeytab(scenario)!))).toBe(true);
    const stepLines = r.stdout.split('\n').filter((l) => /^\s*\d+ {2}/.test(l));
    expect(stepLines).toHaveLength(engine.events.filter((e) => e.type === 'message' || e.type === 'decision').length);
    expect(r.stdout).toContain(`Outcome: ${engine.outcome.result}`);
  });

  it('toggles given on the command line reach the engine (--client, --set)', () => {
    const r = capture(['negotiate-kerberos-http', '--set', 'kdcReachable=false', '--client', 'NTLM,Negotiate', '--json']);
    expect(r.code).toBe(0);
    const engine = simulate(getScenario('negotiate-kerberos-http')!, { client: ['NTLM', 'Negotiate'], params: { kdcReachable: false }, wallClock: NOW });
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(traceJson(engine)));
  });

  it('--set password=wrong: the authentication fails, the CLI exits 0 and prints the outcome', () => {
    const text = capture(['ntlm-workgroup', '--set', 'password=wrong']);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/\nOutcome: failed — NTLM, SEC_E_LOGON_DENIED\. /);
    const json = capture(['ntlm-workgroup', '--set', 'password=wrong', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).outcome).toMatchObject({ result: 'failed', status: 'SEC_E_LOGON_DENIED' });
  });
});

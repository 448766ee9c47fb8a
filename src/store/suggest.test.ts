import { describe, expect, it } from 'vitest';
import { engine } from './run';
import { suggestions } from './suggest';
import { createAppStore } from './store';

describe('try this', () => {
  // One test per scenario: each has its own time budget as the library grows.
  it.each(engine.listScenarios().map((s) => [s.id, s] as const))('every suggestion on %s is a valid toggle that changes the run', (_id, s) => {
    {
      const trace = engine.run(s.id, {});
      for (const sug of suggestions(trace, engine.parameters)) {
        const store = createAppStore(engine);
        store.getState().loadQuery(`?scenario=${s.id}`);
        if (sug.kind === 'package') store.getState().setPackage(sug.side, sug.pkg, sug.on);
        else {
          expect(engine.parseParam(sug.name, String(sug.value)).ok, `${s.id}: ${sug.label}`).toBe(true);
          store.getState().setParam(sug.name, sug.value);
        }
        expect(store.getState().notices, `${s.id}: ${sug.label}`).toEqual([]);
        expect(JSON.stringify(store.getState().trace!.events.map((e) => e.type === 'message' ? e.hex : e.type)), `${s.id}: ${sug.label}`).not.toBe(JSON.stringify(trace.events.map((e) => e.type === 'message' ? e.hex : e.type)));
      }
    }
  });

  it('a Kerberos run suggests what makes Negotiate fall back', () => {
    const id = engine.listScenarios().find((s) => s.id === 'negotiate-kerberos-http')?.id;
    expect(id).toBeDefined();
    const labels = suggestions(engine.run(id!, {}), engine.parameters).map((s) => s.label);
    expect(labels).toContain('Kerberos off on the server');
    expect(labels).toContain('KDC unreachable');
  });
});

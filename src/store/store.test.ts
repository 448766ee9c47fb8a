// The store on the real engine: opening, stepping and its bounds, toggles re-running the
// simulator, and the URL round trip.
import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { engine } from './run';
import { toQuery } from './url';
import { stepKey, type Step } from './steps';

const first = () => engine.listScenarios()[0].id;

function open(query = '') {
  const store = createAppStore(engine);
  store.getState().loadQuery(query);
  return store;
}

describe('store: opening a scenario', () => {
  it('opens the default scenario on the first step with no notice', () => {
    const s = open().getState();
    const ids = engine.listScenarios().map((x) => x.id);
    expect(s.scenarioId).toBe(ids.includes('negotiate-kerberos-http') ? 'negotiate-kerberos-http' : ids[0]);
    expect(s.trace).not.toBeNull();
    expect(s.steps.length).toBeGreaterThan(0);
    expect(s.cursor).toBe(0);
    expect(s.notices).toEqual([]);
  });

  it('steps are the message and decision events of the trace, in order', () => {
    const s = open().getState();
    const expected = s.trace!.events.filter((e) => e.type === 'message' || e.type === 'decision').map((e) => e.id);
    expect(s.steps.map((x) => x.id)).toEqual(expected);
  });

  it('an unknown scenario opens the default one with a notice', () => {
    const s = open('?scenario=no-such-thing').getState();
    expect(s.scenarioId).not.toBeNull();
    expect(s.trace).not.toBeNull();
    expect(s.notices.join(' ')).toMatch(/no-such-thing/);
  });

  it('a step past the end shows the last step with a notice; a malformed one the first', () => {
    const a = open(`?scenario=${first()}&step=999`).getState();
    expect(a.cursor).toBe(a.steps.length - 1);
    expect(a.notices.join(' ')).toMatch(/999/);
    const b = open(`?scenario=${first()}&step=abc`).getState();
    expect(b.cursor).toBe(0);
    expect(b.notices.join(' ')).toMatch(/step=abc/);
  });
});

describe('store: stepping', () => {
  it('moves forward and back within bounds and records the direction', () => {
    const store = open(`?scenario=${first()}`);
    const n = store.getState().steps.length;
    store.getState().back();
    expect(store.getState().cursor).toBe(0);
    store.getState().next();
    expect(store.getState()).toMatchObject({ cursor: Math.min(1, n - 1), direction: n > 1 ? 1 : 0 });
    store.getState().back();
    expect(store.getState()).toMatchObject({ cursor: 0, direction: n > 1 ? -1 : 0 });
    store.getState().last();
    expect(store.getState().cursor).toBe(n - 1);
    store.getState().next();
    expect(store.getState().cursor).toBe(n - 1);
    store.getState().first();
    expect(store.getState().cursor).toBe(0);
    store.getState().goTo(1e6);
    expect(store.getState().cursor).toBe(n - 1);
    store.getState().goTo(-5);
    expect(store.getState().cursor).toBe(0);
  });

  it('play stops at the last step, and playing from the end starts again from the first', () => {
    const store = open(`?scenario=${first()}`);
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(true);
    for (let i = 0; i < 100 && store.getState().playing; i++) store.getState().next();
    expect(store.getState().playing).toBe(false);
    expect(store.getState().cursor).toBe(store.getState().steps.length - 1);
    store.getState().togglePlay();
    expect(store.getState()).toMatchObject({ playing: true, cursor: 0 });
  });

  it('accepts only the offered speeds', () => {
    const store = open();
    store.getState().setSpeed(4);
    expect(store.getState().speed).toBe(4);
    store.getState().setSpeed(7);
    expect(store.getState().speed).toBe(4);
  });

  it('stepping clears a selection made on the diagram', () => {
    const store = open(`?scenario=${first()}`);
    const id = store.getState().steps[0].id;
    store.getState().selectEvent(id);
    store.getState().selectField([0]);
    store.getState().next();
    expect(store.getState()).toMatchObject({ selectedEventId: null, fieldPath: null, decryptPath: [] });
  });
});

describe('store: toggles re-run the engine', () => {
  it('turning NTLM off on the server re-runs at once, says what changed, and goes back to the scenario on reset', () => {
    const store = open(`?scenario=${first()}`);
    const before = store.getState().trace!;
    store.getState().last();
    store.getState().setPackage('server', 'NTLM', false);
    const s = store.getState();
    expect(s.trace).not.toBe(before);
    expect(s.server).not.toContain('NTLM');
    expect(s.trace!.nodes.find((n) => n.role === 'server')!.enabledPackages).not.toContain('NTLM');
    expect(s.change).toBeTruthy();
    expect(s.cursor).toBeGreaterThanOrEqual(0);
    expect(s.cursor).toBeLessThan(s.steps.length);
    store.getState().resetToggles();
    expect(store.getState()).toMatchObject({ client: null, server: null, params: {} });
    expect(store.getState().steps.map(stepKey)).toEqual(before.events.filter((e) => e.type === 'message' || e.type === 'decision').map((e) => stepKey(e as never)));
  });

  // The step-keeping rule: after a change, the cursor stays where it is when the flow up to it is
  // unchanged, otherwise it moves to the first step that differs (as the screen does).
  const firstDifference = (a: Step[], b: Step[]) => {
    let p = 0;
    while (p < a.length && p < b.length && stepKey(a[p]) === stepKey(b[p])) p++;
    return p;
  };

  it('keeps a mid-run step when the change alters only later steps', () => {
    const store = open('?scenario=kerberos-smb');
    const before = store.getState().steps;
    const mid = Math.floor(before.length / 2);
    store.getState().goTo(mid);
    expect(store.getState().cursor).toBe(mid);
    store.getState().setParam('staleServiceKey', true);
    const after = store.getState().steps;
    const p = firstDifference(before, after);
    expect(p, 'the change must alter the flow, after the cursor').toBeGreaterThan(mid);
    expect(p).toBeLessThan(Math.max(before.length, after.length));
    expect(store.getState().cursor).toBe(mid);
    expect(stepKey(after[mid])).toBe(stepKey(before[mid]));
  });

  it('moves a mid-run step back to the first step that differs when the change alters an earlier one', () => {
    const store = open('?scenario=kerberos-smb');
    const before = store.getState().steps;
    const mid = Math.floor(before.length / 2);
    store.getState().goTo(mid);
    store.getState().setParam('password', 'wrong');
    const after = store.getState().steps;
    const p = firstDifference(before, after);
    expect(p, 'the change must alter a step before the cursor').toBeLessThan(mid);
    expect(p).toBeGreaterThan(0);
    expect(store.getState().cursor).toBe(p);
    expect(stepKey(after[p])).not.toBe(stepKey(before[p]));
  });

  it('a change that alters the very first step sends the cursor to step 0', () => {
    const store = open('?scenario=kerberos-smb');
    const before = store.getState().steps;
    store.getState().goTo(before.length - 2);
    store.getState().setParam('kdcReachable', false);
    const after = store.getState().steps;
    expect(firstDifference(before, after)).toBe(0);
    expect(store.getState().cursor).toBe(0);
  });

  it('setting a parameter back to the scenario value drops it from the toggles', () => {
    const store = open(`?scenario=${first()}`);
    store.getState().setParam('signSeal', false);
    expect(store.getState().params).toEqual({ signSeal: false });
    expect(store.getState().trace!.scenario.params.signSeal).toBe(false);
    store.getState().setParam('signSeal', store.getState().base!.params.signSeal);
    expect(store.getState().params).toEqual({});
  });
});

describe('store: URL round trip', () => {
  it('a state written to the URL opens exactly the same moment', () => {
    const a = open(`?scenario=${first()}`);
    a.getState().setPackage('server', 'Kerberos', false);
    a.getState().setParam('signSeal', false);
    a.getState().goTo(Math.max(0, a.getState().steps.length - 2));
    const s = a.getState();
    const q = toQuery({ scenarioId: s.scenarioId, cursor: s.cursor, client: s.client, server: s.server, params: s.params });
    expect(q).toMatch(/server=/);
    expect(q).toMatch(/signSeal=false/);
    const b = open(`?${q}`).getState();
    expect(b.notices).toEqual([]);
    expect(b.scenarioId).toBe(s.scenarioId);
    expect(b.cursor).toBe(s.cursor);
    expect(b.server).toEqual(s.server);
    expect(b.params).toEqual(s.params);
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(s.trace));
  });
});

describe('store: the engine arrives after the first diagram', () => {
  it('shows the precomputed default run at once, then completes it without moving the step', async () => {
    const { catalog } = await import('./catalog');
    const { skeleton } = await import('./skeleton');
    const { defaultScenarioId } = await import('./engine');
    const id = defaultScenarioId(catalog.listScenarios())!;
    const store = createAppStore({ catalog, precomputed: { id, trace: skeleton(engine.run(id, {})) } });
    store.getState().loadQuery('');
    expect(store.getState()).toMatchObject({ scenarioId: id, partial: true, engine: null, cursor: 0 });
    const n = store.getState().steps.length;
    expect(n).toBe(engine.run(id, {}).events.filter((e) => e.type === 'message' || e.type === 'decision').length);
    store.getState().goTo(2);
    const before = store.getState().trace;
    store.getState().setPackage('server', 'Kerberos', false);
    expect(store.getState().trace).toBe(before);
    store.getState().engineReady(engine);
    const s = store.getState();
    expect(s).toMatchObject({ partial: false, cursor: 2 });
    expect(JSON.stringify(s.detail)).toBe(JSON.stringify(engine.run(id, {})));
    expect(s.trace).toBe(before);
  });

  it('a link the precomputed run does not cover waits for the engine, then opens exactly', async () => {
    const { catalog } = await import('./catalog');
    const ids = catalog.listScenarios().map((s) => s.id);
    const other = ids[ids.length - 1];
    const store = createAppStore({ catalog, precomputed: null });
    store.getState().loadQuery(`?scenario=${other}&step=2&signSeal=false`);
    expect(store.getState()).toMatchObject({ trace: null, cursor: -1 });
    expect(store.getState().pending).not.toBeNull();
    store.getState().engineReady(engine);
    expect(store.getState()).toMatchObject({ scenarioId: other, cursor: 1, params: { signSeal: false }, pending: null, partial: false });
    expect(store.getState().trace!.scenario.params.signSeal).toBe(false);
  });
});

describe('a scenario value (a file a person opens) runs like a built-in', () => {
  it('opens a valid file, runs it with toggles, and says what is wrong with a bad one', async () => {
    const { engine } = await import('./run');
    const { getScenario } = await import('../scenarios');
    const store = createAppStore(engine);
    const mine = { ...getScenario('ntlm-workgroup')!, id: 'my-own', title: 'My own NTLM' };
    expect(await store.getState().openScenarioFile(JSON.stringify(mine), 'my-own.json')).toBe(true);
    expect(store.getState().scenarioId).toBe('my-own');
    expect(store.getState().trace?.scenario.id).toBe('my-own');
    store.getState().setParam('password', 'wrong');
    expect(store.getState().trace?.scenario.id).toBe('my-own');
    expect(store.getState().trace?.outcome.result).toBe('failed');
    expect(await store.getState().openScenarioFile(JSON.stringify({ ...mine, application: { ...mine.application, protocol: 'rpc' } }), 'bad.json')).toBe(false);
    expect(store.getState().notices.at(-1)).toMatch(/bad\.json: application\.protocol: application protocol "rpc" is not built yet/);
  });
});

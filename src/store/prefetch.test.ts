// Prefetching likely toggles: the store hands the engine the runs one toggle away, exactly as it
// would ask for them when that toggle is clicked; the worker's cache keys them whatever the order.
import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { engine } from './run';
import { RunCache, runKey } from './runCache';
import type { RunOptions, SyncEngineApi } from './engine';
import type { Trace } from '../engine/trace';

const NEGO = 'negotiate-kerberos-http';

function spied() {
  const runs: RunOptions[] = [];
  const prefetched: RunOptions[][] = [];
  const api: SyncEngineApi = {
    ...engine,
    run(id, options) { runs.push(options); return engine.run(id, options); },
    prefetch(id, list) { expect(id).toBe(NEGO); prefetched.push(list); },
  };
  const store = createAppStore(api);
  store.getState().loadQuery(`?scenario=${NEGO}`);
  return { store, runs, prefetched };
}

describe('prefetch of the runs one toggle away', () => {
  it('follows each run shown, and holds the run a provider toggle or a condition then asks for', () => {
    const { store, runs, prefetched } = spied();
    expect(prefetched).toHaveLength(1);
    const keys = new Set(prefetched[0].map((o) => runKey(NEGO, o)));
    expect(keys.size).toBe(prefetched[0].length);
    store.getState().setPackage('server', 'Kerberos', false);
    expect(keys.has(runKey(NEGO, runs.at(-1)!))).toBe(true);
    expect(store.getState().trace!.outcome.mechanism).toBe('NTLM');
    expect(prefetched).toHaveLength(2);
    // From the new state: switching Kerberos back on is one of the prefetched runs, and so is a condition.
    const again = new Set(prefetched[1].map((o) => runKey(NEGO, o)));
    store.getState().setPackage('server', 'Kerberos', true);
    expect(again.has(runKey(NEGO, runs.at(-1)!))).toBe(true);
    const third = new Set(prefetched[2].map((o) => runKey(NEGO, o)));
    store.getState().setParam('kdcReachable', false);
    expect(third.has(runKey(NEGO, runs.at(-1)!))).toBe(true);
  });

  it('offers providers the run used on both sides and only boolean conditions', () => {
    const { prefetched } = spied();
    const list = prefetched[0];
    expect(list.some((o) => o.server && !o.server.includes('Kerberos'))).toBe(true);
    expect(list.some((o) => o.client && !o.client.includes('NTLM'))).toBe(true);
    for (const o of list) for (const v of Object.values(o.params ?? {})) expect(typeof v).toBe('boolean');
  });
});

describe('run cache', () => {
  it('keys a run the same whatever order its options were built in', () => {
    expect(runKey('x', { params: { a: true, b: 1 }, server: ['NTLM'] })).toBe(runKey('x', { server: ['NTLM'], params: { b: 1, a: true } }));
    expect(runKey('x', { params: { a: true } })).not.toBe(runKey('x', { params: { a: false } }));
    expect(runKey('x', {})).not.toBe(runKey('y', {}));
  });

  it('keeps the most recently used runs', () => {
    const cache = new RunCache<Trace>(2);
    const t = (n: number) => ({ n }) as unknown as Trace;
    cache.set('a', t(1));
    cache.set('b', t(2));
    expect(cache.get('a')).toEqual(t(1));
    cache.set('c', t(3));
    expect(cache.has('b')).toBe(false);
    expect(cache.has('a') && cache.has('c')).toBe(true);
    expect(cache.size).toBe(2);
  });
});

describe('the worker sends a run as JSON text', () => {
  it('every scenario\'s trace survives the trip unchanged (no Map, Set, typed array or Date in a trace)', () => {
    for (const s of engine.listScenarios()) {
      const trace = engine.run(s.id, {});
      expect(JSON.parse(JSON.stringify(trace)), s.id).toEqual(trace);
    }
  });
});

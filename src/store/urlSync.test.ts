// URL sync: scenario and toggle changes push history entries, steps replace the current one (after
// a pause), back/forward reload the state.
import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from './store';
import { engine } from './run';
import { syncUrl, type HistoryLike } from './urlSync';

function fakeWindow(search: string) {
  const entries = [search];
  let index = 0;
  const listeners: (() => void)[] = [];
  const w: HistoryLike & { entries: string[]; back(): void } = {
    location: { search, pathname: '/', hash: '' },
    history: {
      pushState: (_d, _u, u) => { const q = new URL(u!, 'http://x').search; entries.splice(index + 1); entries.push(q); index++; w.location.search = q; },
      replaceState: (_d, _u, u) => { const q = new URL(u!, 'http://x').search; entries[index] = q; w.location.search = q; },
    },
    addEventListener: (_t, fn) => { listeners.push(fn); },
    removeEventListener: () => {},
    entries,
    back() { index--; w.location.search = entries[index]; listeners.forEach((f) => f()); },
  };
  return w;
}

describe('syncUrl', () => {
  it('pushes scenario and toggle changes, replaces steps after a pause, and goes back', () => {
    vi.useFakeTimers();
    const [a, b] = engine.listScenarios();
    const store = createAppStore(engine);
    const win = fakeWindow(`?scenario=${a.id}`);
    store.getState().loadQuery(win.location.search);
    syncUrl(store, win, 100);
    expect(win.location.search).toBe(`?scenario=${a.id}&step=1`);
    store.getState().next();
    expect(win.location.search).toBe(`?scenario=${a.id}&step=1`);
    vi.advanceTimersByTime(150);
    expect(win.location.search).toBe(`?scenario=${a.id}&step=2`);
    store.getState().selectScenario(b.id);
    expect(win.entries).toEqual([`?scenario=${a.id}&step=2`, `?scenario=${b.id}&step=1`]);
    store.getState().setParam('signSeal', false);
    expect(win.entries).toHaveLength(3);
    expect(win.location.search).toContain('signSeal=false');
    win.back();
    expect(store.getState()).toMatchObject({ scenarioId: b.id, params: {} });
    win.back();
    expect(store.getState()).toMatchObject({ scenarioId: a.id, cursor: 1 });
    vi.useRealTimers();
  });

  it('leaves the address as typed until the first write is let run, then normalises it once', () => {
    const [a] = engine.listScenarios();
    const store = createAppStore(engine);
    const win = fakeWindow(`?scenario=${a.id}&junk=1`);
    store.getState().loadQuery(win.location.search);
    let write: (() => void) | null = null;
    syncUrl(store, win, 100, (w) => { write = w; });
    expect(win.location.search).toBe(`?scenario=${a.id}&junk=1`);
    write!();
    expect(win.location.search).toBe(`?scenario=${a.id}&step=1`);
    expect(win.entries).toHaveLength(1);
  });
});

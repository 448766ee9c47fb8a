// Keeps the URL and the store in step: scenario and toggle changes push a history entry (so the
// browser's back/forward move through them), step changes replace it; back/forward reload the state.
import type { AppStore } from './store';
import type { AppState } from './types';
import { toQuery } from './url';

export interface HistoryLike {
  location: { search: string; pathname: string; hash: string };
  history: { pushState(data: unknown, unused: string, url?: string): void; replaceState(data: unknown, unused: string, url?: string): void };
  addEventListener(type: 'popstate', fn: () => void): void;
  removeEventListener(type: 'popstate', fn: () => void): void;
}

const queryOf = (s: AppState) => toQuery({
  scenarioId: s.scenarioId, cursor: s.cursor, client: s.client, server: s.server, params: s.params,
  settings: { layered: s.layered, view: s.view, presenter: s.presenter, hideOutcome: s.hideOutcome, inspectorCollapsed: s.inspectorCollapsed, topologyCollapsed: s.topologyCollapsed, nodeStateOpen: s.nodeStateOpen, tab: s.tab, panelDefaults: s.panelDefaults },
});

/** Step changes are written after this pause (stepping or playing does not touch history on every frame). */
export const STEP_URL_DELAY_MS = 500;

/**
 * `firstWrite` says when the address as typed is first rewritten to the state (at once by default; the
 * app passes a function that runs it once the first screen is interactive: a same-document navigation
 * is a cost the first load does not need to pay).
 */
export function syncUrl(store: AppStore, win: HistoryLike, delay = STEP_URL_DELAY_MS, firstWrite: (write: () => void) => void = (write) => write()): () => void {
  const url = (q: string) => `${win.location.pathname}${q ? `?${q}` : ''}${win.location.hash}`;
  const differs = (q: string) => !(`?${q}` === win.location.search || (q === '' && win.location.search === ''));
  // The first state replaces the address as typed (normalised: unknown values dropped); an address that
  // already says it is left alone.
  firstWrite(() => {
    const first = queryOf(store.getState());
    if (differs(first)) win.history.replaceState(null, '', url(first));
  });
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => { if (timer !== null) { clearTimeout(timer); timer = null; } };
  const flush = () => {
    timer = null;
    const q = queryOf(store.getState());
    if (differs(q)) win.history.replaceState(null, '', url(q));
  };
  let restoring = false;
  const unsub = store.subscribe((s, prev) => {
    if (restoring) return;
    const sameRun = s.scenarioId === prev.scenarioId && s.client === prev.client && s.server === prev.server && s.params === prev.params;
    if (sameRun) {
      if (s.cursor !== prev.cursor) { if (timer === null) timer = setTimeout(flush, delay); return; }
      // A view setting (presenter, hide outcome, a panel): the address follows at once, no new entry.
      if (timer === null) { const q = queryOf(s); if (differs(q)) win.history.replaceState(null, '', url(q)); }
      return;
    }
    cancel();
    const q = queryOf(s);
    if (differs(q)) win.history.pushState(null, '', url(q));
  });
  // Back/forward: the state follows the address (its intermediate states are not written back).
  const onPop = () => {
    cancel();
    restoring = true;
    try { store.getState().loadQuery(win.location.search); } finally { restoring = false; }
  };
  win.addEventListener('popstate', onPop);
  return () => { cancel(); unsub(); win.removeEventListener('popstate', onPop); };
}

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

const queryOf = (s: AppState) => toQuery({ scenarioId: s.scenarioId, cursor: s.cursor, client: s.client, server: s.server, params: s.params });

export function syncUrl(store: AppStore, win: HistoryLike): () => void {
  const url = (q: string) => `${win.location.pathname}${q ? `?${q}` : ''}${win.location.hash}`;
  // The first state replaces the address as typed (normalised: unknown values dropped).
  win.history.replaceState(null, '', url(queryOf(store.getState())));
  const unsub = store.subscribe((s, prev) => {
    const q = queryOf(s);
    if (`?${q}` === win.location.search || (q === '' && win.location.search === '')) return;
    const sameRun = s.scenarioId === prev.scenarioId && s.client === prev.client && s.server === prev.server && s.params === prev.params;
    if (sameRun) win.history.replaceState(null, '', url(q));
    else win.history.pushState(null, '', url(q));
  });
  const onPop = () => store.getState().loadQuery(win.location.search);
  win.addEventListener('popstate', onPop);
  return () => { unsub(); win.removeEventListener('popstate', onPop); };
}

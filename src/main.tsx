import { StrictMode, useLayoutEffect } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import precomputed from 'virtual:sspi-precomputed';
import built from 'virtual:sspi-built';
import './index.css';
import { App, THEME_KEY } from './components/App/App';
import { StoreProvider } from './store/context';
import { createAppStore } from './store/store';
import { catalog } from './store/catalogBrowser';
import { syncUrl } from './store/urlSync';
import { whenInputIdle } from './components/App/inputIdle';
import { hydrationKey, setHydrating } from './store/hydration';

const store = createAppStore({ catalog, precomputed, built });
try {
  const theme = localStorage.getItem(THEME_KEY);
  if (theme === 'light' || theme === 'dark') store.getState().set({ theme });
} catch { /* no storage: the system's theme */ }
store.getState().loadQuery(window.location.search);
// The address as typed is rewritten to the state (scenario, step) once the first screen is interactive.
let writeAddress: (() => void) | null = null;
syncUrl(store, window, undefined, (write) => { writeAddress = write; });
const ready = () => {
  writeAddress?.();
  writeAddress = null;
  whenInputIdle(loadEngine, 300);
};

// The simulator is loaded once the first diagram is interactive (at once when the link asks for
// something the precomputed run does not show). It runs in a web worker, so its runs (the first one
// derives keys) never block the screen; without workers it is loaded on the main thread.
let loading = false;
const loadEngine = () => {
  if (loading) return;
  loading = true;
  const failed = (e: unknown) => store.getState().engineFailed(e instanceof Error ? e.message : String(e));
  if (typeof Worker !== 'undefined') {
    // Runs a toggle away are prefetched one at a time, each after a second without input.
    import('./store/workerEngine').then((m) => store.getState().engineReady(m.workerEngine(catalog, failed, (fn) => whenInputIdle(fn, 1000))), failed);
  } else {
    import('./store/run').then((m) => store.getState().engineReady({ ...m.engine, run: (s, o) => m.loadFor(s).then(() => m.engine.run(s, o)) }), failed);
  }
};
if (store.getState().pending || !store.getState().partial) loadEngine();

const container = document.getElementById('root')!;
/** Rendered last: its layout effect runs once the first render is committed (hydration is over). */
function FirstCommit() {
  useLayoutEffect(() => setHydrating(false), []);
  return null;
}
const tree = (
  <StrictMode>
    <StoreProvider store={store}>
      <App onReady={ready} />
      <FirstCommit />
    </StoreProvider>
  </StrictMode>
);
// The build put the first screen in the HTML (src/prerender.tsx). When the page opens in that very
// state, React takes it over (hydration); otherwise it renders afresh over it. Hydration starts at
// once: it runs in the scheduler's slices, so the browser still paints the prerendered screen between
// them when the module runs before the first paint. (Waiting for the paint cost a frame and more: the
// paint timing entry arrives long after the paint, so it could not be used to tell.)
const layout = window.matchMedia?.('(max-width: 639px)').matches ? 'phone' : 'wide';
if (container.dataset.prerendered && container.dataset.prerendered === hydrationKey(store.getState(), layout)) {
  container.dataset.start = 'hydrated';
  setHydrating(true); // until FirstCommit: the first render assumes the prerendered viewport
  hydrateRoot(container, tree);
} else {
  container.dataset.start = 'rendered';
  createRoot(container).render(tree);
}

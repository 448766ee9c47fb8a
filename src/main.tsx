import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import precomputed from 'virtual:sspi-precomputed';
import './index.css';
import { App } from './components/App/App';
import { StoreProvider } from './store/context';
import { createAppStore } from './store/store';
import { catalog } from './store/catalog';
import { syncUrl } from './store/urlSync';

const store = createAppStore({ catalog, precomputed });
store.getState().loadQuery(window.location.search);
syncUrl(store, window);

// The simulator is loaded once the first diagram is interactive (at once when the link asks for
// something the precomputed run does not show).
let loading = false;
const loadEngine = () => {
  if (loading) return;
  loading = true;
  import('./store/run').then(
    (m) => store.getState().engineReady(m.engine),
    (e) => store.getState().engineFailed(e instanceof Error ? e.message : String(e)),
  );
};
if (store.getState().pending || !store.getState().partial) loadEngine();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App onReady={() => setTimeout(loadEngine, 0)} />
    </StoreProvider>
  </StrictMode>,
);

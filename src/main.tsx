import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App } from './components/App/App';
import { StoreProvider } from './store/context';
import { createAppStore } from './store/store';
import { engine } from './store/run';
import { syncUrl } from './store/urlSync';

const store = createAppStore(engine);
store.getState().loadQuery(window.location.search);
syncUrl(store, window);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);

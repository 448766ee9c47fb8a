// Build time: the first screen (the default scenario's precomputed run) rendered to HTML, so the page
// paints it before any script runs; main.tsx hydrates it. Run by the Vite plugin in
// src/store/precomputePlugin.ts, under Node.
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './components/App/App';
import { StoreProvider } from './store/context';
import { createAppStore } from './store/store';
import { catalog } from './store/catalog';
import type { Precomputed } from './store/engine';
import type { PackageName } from './engine/trace';
import { PRERENDER_VIEWPORT, hydrationKey } from './store/hydration';

export function prerender(precomputed: Precomputed | null, built: PackageName[]): { html: string; key: string } {
  const store = createAppStore({ catalog, precomputed, built });
  store.getState().loadQuery('', PRERENDER_VIEWPORT);
  const html = renderToString(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
  return { html, key: hydrationKey(store.getState(), 'wide') };
}

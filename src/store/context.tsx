// The store is created once (in main.tsx) and handed down through a context.
import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { AppStore } from './store';
import type { AppState } from './types';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside StoreProvider');
  return store;
}

/** A slice of the store. Unlike zustand's useStore, the server snapshot is the store's current state,
 * not its initial one: the build renders the first screen from a store that has loaded the default
 * run (src/prerender.tsx), and hydration must see that same state, or the prerendered HTML would be
 * an empty shell and the first client render would draw everything a second time. */
export function useApp<T>(selector: (s: AppState) => T): T {
  const store = useAppStore();
  const get = useCallback(() => selector(store.getState()), [store, selector]);
  return useSyncExternalStore(store.subscribe, get, get);
}

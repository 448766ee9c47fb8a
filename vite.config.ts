import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import type { Plugin } from 'vite';
import { precomputedTrace } from './src/store/precomputePlugin.ts';

// In Node, simulate.ts registers every provider through src/engine/packages/all.ts. In the app that file
// is an empty module: a heavy provider (Schannel) is fetched with its first scenario (src/store/providers.ts).
function lazyProviders(): Plugin {
  const EMPTY = '\0sspi-lazy-providers';
  return {
    name: 'sspi-lazy-providers',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('/all') && !source.endsWith('/all.ts')) return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      return r && r.id.replace(/\\/g, '/').endsWith('/src/engine/packages/all.ts') ? EMPTY : null;
    },
    load: (id) => (id === EMPTY ? 'export {};' : null),
  };
}

// A lazy provider's chunk is named after its package folder (schannel-<hash>.js), not "provider".
const chunkFileNames = (c: { facadeModuleId?: string | null; name: string }) => {
  const pkg = /\/engine\/packages\/([^/]+)\/provider\.ts$/.exec(c.facadeModuleId?.replace(/\\/g, '/') ?? '')?.[1];
  return `assets/${pkg ?? '[name]'}-[hash].js`;
};

// One config for the app and the benchmark's baseline pages (bench/ builds them with the same plugins).
export default defineConfig({
  // precomputedTrace: the default scenario's run, computed at build time (the screen's first diagram).
  plugins: [react(), tailwindcss(), precomputedTrace(), lazyProviders()],
  build: { target: 'es2022', sourcemap: false, rollupOptions: { output: { chunkFileNames } } },
  // The engine worker is an ES module (new Worker(..., { type: 'module' })), so it can split: a heavy
  // provider's code (Schannel) is its own chunk, fetched with the first scenario that needs it.
  worker: { format: 'es', plugins: () => [lazyProviders()], rollupOptions: { output: { chunkFileNames } } },
  server: {
    // The app makes no network request at run time; the dev server only serves files.
    hmr: true,
  },
});

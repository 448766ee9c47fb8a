import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { precomputedTrace } from './src/store/precomputePlugin.ts';

// One config for the app and the benchmark's baseline pages (bench/ builds them with the same plugins).
export default defineConfig({
  // precomputedTrace: the default scenario's run, computed at build time (the screen's first diagram).
  plugins: [react(), tailwindcss(), precomputedTrace()],
  build: { target: 'es2022', sourcemap: false },
  server: {
    // The app makes no network request at run time; the dev server only serves files.
    hmr: true,
  },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// One config for the app and the benchmark's baseline pages (bench/ builds them with the same plugins).
export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: { target: 'es2022', sourcemap: false },
  server: {
    // The app makes no network request at run time; the dev server only serves files.
    hmr: true,
  },
});

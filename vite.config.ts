/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer). Everything is same-origin, so
// require-corp blocks nothing. Deployers: send the same two headers (README, "Deploying").
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: {
    format: 'es',
    // tfjs-wasm builds its pthread workers from function source text: mangled names break them (the threaded
    // backend crashed with "e is not defined" in the production build). Compress, but keep names.
    rolldownOptions: { output: { minify: false } },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  optimizeDeps: {
    // Scan the worker and the test/bench pages up front: a dependency discovered late (the worker's tfjs
    // backends) makes the dev server re-optimise and reload the page mid-test.
    entries: ['index.html', 'src/worker/worker.ts', 'e2e/gradcheck/index.html', 'bench/browser.html'],
    // Its ESM entry imports a CommonJS worker file: the dev server must pre-bundle it (the worker finds the
    // .wasm files through setWasmPaths with explicit URLs, so moving the JS is fine).
    include: ['@tensorflow/tfjs-backend-wasm'],
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

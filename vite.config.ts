/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
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

// WebGPU-in-Node tests (Dawn): `npm run test:webgpu` starts them through scripts/with-vulkan.mjs.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.webgpu.ts'],
    environment: 'node',
    setupFiles: ['src/test/setup-webgpu.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

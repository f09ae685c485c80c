// Backend selection's bounds: a WebGPU adapter request that never answers must not leave the app "Detecting…"
// forever (seen in the fault run: 43 s and counting); it falls back and says why.
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { selectBackend } from './backend';

// backend.ts points tfjs-wasm at the files' URLs on the dev server; in Node they are files on disk.
const dist = join(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
beforeAll(() =>
  setWasmPaths({
    'tfjs-backend-wasm.wasm': `${dist}/tfjs-backend-wasm.wasm`,
    'tfjs-backend-wasm-simd.wasm': `${dist}/tfjs-backend-wasm-simd.wasm`,
    'tfjs-backend-wasm-threaded-simd.wasm': `${dist}/tfjs-backend-wasm-threaded-simd.wasm`,
  }),
);
afterEach(() => vi.unstubAllGlobals());
afterAll(() => tf.setBackend('cpu'));

describe('selectBackend bounds', () => {
  it('an adapter request that never answers times out and the next backend is chosen, saying so', async () => {
    const requestAdapter = vi.fn(() => new Promise<never>(() => undefined));
    vi.stubGlobal('navigator', { gpu: { requestAdapter }, hardwareConcurrency: 2 });
    const t0 = performance.now();
    const info = await selectBackend('auto', new Set(), { adapterMs: 200, initMs: 5000 });
    const ms = performance.now() - t0;
    expect(requestAdapter).toHaveBeenCalled();
    expect(ms).toBeLessThan(5000);
    expect(info.name).not.toBe('webgpu');
    expect(info.name).toBe(tf.getBackend());
    expect(info.reason).toMatch(/webgpu: the WebGPU adapter request did not answer within 200 ms/);
  });

  it('a forced WebGPU whose adapter hangs still ends with a working backend and the reason', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: () => new Promise<never>(() => undefined) } });
    const info = await selectBackend('webgpu', new Set(), { adapterMs: 100, initMs: 5000 });
    expect(info.name).not.toBe('webgpu');
    expect(info.reason).toMatch(/^webgpu was requested but is unavailable\. .*did not answer within 100 ms/);
  });
});

// Our training ops' gradients equal tfjs's stock gradients in real Chromium: on WebGL (SwiftShader here) and on
// WASM, where the SIMD kernels (src/core/nn/wasm/) run on the threaded build's shared memory.
import { expect, test } from './fixtures';

test('op gradients match stock tfjs on WebGL', async ({ page }) => {
  await page.goto('/e2e/gradcheck/index.html');
  const { backend, results } = await page.evaluate(() => window.runGradCheck('webgl'));
  expect(backend).toBe('webgl');
  expect(results.length).toBeGreaterThanOrEqual(8);
  for (const r of results) expect(r.relErr, `${r.op} ${r.shape} ${r.candidate}`).toBeLessThan(1e-3);
});

test('op gradients match stock tfjs on WASM, the SIMD kernels included', async ({ page }) => {
  await page.goto('/e2e/gradcheck/index.html');
  const { backend, results, simd, shared } = await page.evaluate(() => window.runGradCheck('wasm'));
  expect(backend).toBe('wasm');
  expect(shared).toBe(true); // cross-origin isolated: tfjs-wasm's threaded build, a shared memory
  expect(simd).toBe(true);
  const simdChecks = results.filter((r) => r.candidate.endsWith('/wasm-simd'));
  expect(new Set(simdChecks.map((r) => r.candidate.split('/')[0]))).toEqual(
    new Set(['convFilterGrad', 'convInputGrad', 'bnTrain']),
  );
  expect(results.some((r) => r.op === 'convBlock')).toBe(true);
  for (const r of results) expect(r.relErr, `${r.op} ${r.shape} ${r.candidate}`).toBeLessThan(1e-4);
});

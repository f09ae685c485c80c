// Our WGSL training kernels equal tfjs's stock results on WebGPU in real Chromium (SwiftShader adapter here).
import { expect, test } from './fixtures';

test('WGSL kernels match stock tfjs on WebGPU', async ({ page }) => {
  await page.goto('/e2e/gradcheck/index.html');
  const { backend, adapter, results } = await page.evaluate(() => window.runWgslCheck());
  console.log(`WebGPU adapter: ${adapter}`);
  console.table(results);
  expect(backend).toBe('webgpu');
  expect(results.length).toBeGreaterThanOrEqual(63);
  for (const r of results) expect(r.relErr, `${r.kernel} ${r.shape}`).toBeLessThan(r.tol);
});

// Our training ops' gradients equal tfjs's stock gradients on WebGL in real Chromium (SwiftShader here).
import { expect, test } from './fixtures';

test('op gradients match stock tfjs on WebGL', async ({ page }) => {
  await page.goto('/e2e/gradcheck/index.html');
  const { backend, results } = await page.evaluate(() => window.runGradCheck('webgl'));
  expect(backend).toBe('webgl');
  expect(results.length).toBeGreaterThanOrEqual(8);
  for (const r of results) expect(r.relErr, `${r.op} ${r.shape} ${r.candidate}`).toBeLessThan(1e-3);
});

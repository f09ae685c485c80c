// User flows on tiny configs: assert on what a user sees.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Playground, tinyConfig } from './pages/playground';

test('the app loads on the embedded data set and reports its backend', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await expect(app.badge).toContainText(/webgpu|webgl|wasm|cpu/i);
  await expect(app.status).toHaveText('idle');
  await expect(page.getByTestId('student-card')).toHaveCount(4);
  await expect(page.getByTestId('train')).toBeEnabled();
  expect(app.pageErrors).toEqual([]);
});

test('a run trains a teacher and four students; charts and results update', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.applyJson(tinyConfig());
  await expect(app.configErrors).toHaveCount(0);
  await app.train();
  await expect(page.getByTestId('progress')).toBeVisible();
  // The results table fills during the run, phase by phase.
  await expect(app.resultRows.first()).toBeVisible({ timeout: 120_000 });
  await app.waitForStatus('done');
  await expect(app.resultRows).toHaveCount(5);
  await expect(page.getByTestId('results-table')).toContainText('Teacher');
  for (const m of ['Student alone', 'Hinton KD', 'Fickle Teacher', 'Soft Randomization']) {
    await expect(page.getByTestId('results-table')).toContainText(m);
  }
  // One curve per model in each chart.
  await expect(page.getByTestId('loss-chart').locator('.recharts-line').first()).toBeVisible();
  // Charts redraw in throttled transitions: wait for the final frame rather than counting once.
  await expect.poll(() => page.getByTestId('loss-chart').locator('.recharts-line').count()).toBeGreaterThanOrEqual(5);
  await expect.poll(() => page.getByTestId('acc-chart').locator('.recharts-line').count()).toBeGreaterThanOrEqual(5);
  await page.screenshot({ path: test.info().outputPath('finished-run.png'), fullPage: true });
  // Each chart saves as a PNG for slides.
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('loss-chart').getByRole('button', { name: /PNG/ }).click(),
  ]);
  const bytes = readFileSync(await png.path());
  expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  expect(app.pageErrors).toEqual([]);
});

test('a forced-WebGL run works', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.applyJson(
    tinyConfig({ backend: 'webgl', students: [{ method: 'hinton-kd' }, { method: 'messy-collaboration', rate: 0.2 }] }),
  );
  await app.train();
  await app.waitForStatus('done');
  await expect(app.badge).toContainText(/webgl/i);
  await expect(app.resultRows).toHaveCount(3);
  expect(app.pageErrors).toEqual([]);
});

test('invalid input names the field and nothing starts', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  const bad = tinyConfig({
    optimizer: { type: 'adam', lr: -1 },
    students: [{ method: 'nope' }, { method: 'soft-randomization', sigma: 3 }],
  });
  (bad.teacher as { epochs: number }).epochs = 0;
  await app.applyJson(bad);
  await expect(app.configErrors).toContainText('optimizer.lr');
  await expect(app.configErrors).toContainText('students.0.method');
  await expect(app.configErrors).toContainText('students.1.sigma');
  await expect(app.configErrors).toContainText('teacher.epochs');
  await expect(page.getByTestId('train')).toBeDisabled();
  await expect(app.status).toHaveText('idle');
  await app.applyJson('{ "seed": 1, ');
  await expect(app.configErrors).toContainText(/JSON/i);
  await expect(app.status).toHaveText('idle');
});

test('a diverging run stops with a clear message and the UI stays usable', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.applyJson(
    tinyConfig({
      optimizer: { type: 'sgd', lr: 1000, momentum: 0.9, weightDecay: 0 },
      students: [{ method: 'student-alone' }],
    }),
  );
  await app.train();
  await expect(app.runError).toContainText(/diverged/i, { timeout: 120_000 });
  await expect(app.runError).toContainText(/learning rate/i);
  await expect(app.status).toHaveText('error');
  await app.applyJson(tinyConfig({ students: [{ method: 'student-alone' }] }));
  await app.train();
  await app.waitForStatus('done');
  await expect(app.resultRows).toHaveCount(1);
});

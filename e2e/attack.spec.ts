// The attack lab after a tiny run: PGD gallery for every model, a robust-accuracy curve over ε, CSV export.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Playground, tinyConfig } from './pages/playground';

test('after a run, PGD examples, the robustness curve and the CSV export cover every model', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.applyJson(
    tinyConfig({
      students: [
        { method: 'student-alone' },
        { method: 'gaussian-augmentation', sigma: 0.2 },
        { method: 'soft-randomization', sigma: 0.2 },
      ],
      attack: { eps: 0.1, stepSize: 0.025, steps: 5, subset: 32 },
    }),
  );
  await app.train();
  await app.waitForStatus('done');
  const models = 4; // teacher + 3 students
  const panel = page.getByTestId('attack-panel');
  await panel.scrollIntoViewIfNeeded();

  await panel.getByTestId('craft-gallery').click();
  const items = panel.getByTestId('gallery-item');
  await expect(items.first()).toBeVisible();
  expect(await items.count()).toBeGreaterThan(0);
  await expect(items.first().getByTestId('gallery-model-row')).toHaveCount(models);

  await panel.getByTestId('run-sweep').click();
  const table = panel.getByTestId('sweep-table');
  await expect(table).toBeVisible({ timeout: 120_000 });
  await expect(panel.getByTestId('robust-chart').locator('.recharts-line')).toHaveCount(models);
  const epsPoints = await panel
    .getByTestId('robust-chart')
    .locator('.recharts-line')
    .first()
    .locator('.recharts-line-dot, circle')
    .count();
  expect(epsPoints).toBeGreaterThanOrEqual(4);
  await page.screenshot({ path: test.info().outputPath('attack-lab.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('export-csv').click()]);
  const csv = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n');
  const header = csv[0].split(',');
  expect(header.slice(0, 4)).toEqual(['model_id', 'model', 'kind', 'eps']);
  const epsCount = new Set(csv.slice(1).map((r) => r.split(',')[header.indexOf('eps')])).size;
  expect(epsCount).toBeGreaterThanOrEqual(4);
  expect(csv.length - 1).toBe(models * epsCount);
  expect(app.pageErrors).toEqual([]);
});

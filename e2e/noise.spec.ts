// The noise panel and the live prediction grid during a tiny step-mode run (the test resumes after every epoch):
// each noise source shows (Soft Randomization's noisy image, the Fickle Teacher's spread, Messy Collaboration's
// flipped labels) and the grid changes from one epoch to the next.
import { expect, test as base, tinyConfig } from './fixtures';
import { NoiseLab } from './pages/noise';

const test = base.extend<{ noise: NoiseLab }>({ noise: async ({ page }, use) => use(new NoiseLab(page)) });

test('the noise panel shows each noise source live; the prediction grid updates every epoch', async ({
  app,
  config,
  run,
  noise,
}) => {
  await app.open();
  await expect(noise.panel).toBeVisible();
  await expect(noise.grid).toContainText(/after every epoch/i);
  await config.apply(
    tinyConfig({
      students: [
        { method: 'soft-randomization', sigma: 0.3 },
        { method: 'fickle-teacher' },
        { method: 'messy-collaboration', rate: 0.5, target: 'S' },
      ],
    }),
  );
  await noise.open();
  await expect(noise.toggle).toHaveAttribute('aria-expanded', 'true');
  await run.trainToFirstPause();

  // The teacher: no noise; the grid after its first epoch.
  await expect(noise.model).toContainText('Teacher');
  await expect(noise.panel).toContainText('No noise source');
  await expect(noise.gridEpoch).toHaveText('After epoch 1 of 2 of Teacher');
  await expect(noise.gridRows).toHaveCount(1);
  const cell = noise.gridRows.first().locator('td').first();
  await expect(cell).toContainText(/true class \d, predicted class \d \(\d+ %\)/);
  const afterEpoch1 = await noise.grid.innerText();
  await run.stepUntil(async () => (await noise.gridEpoch.textContent()) === 'After epoch 2 of 2 of Teacher');
  expect(await noise.grid.innerText()).not.toEqual(afterEpoch1);

  // Soft Randomization: x + σε next to the clean image, and the teacher's soft targets.
  await run.stepUntil(async () => (await noise.modelText()).includes('Soft Randomization'));
  await expect(noise.noisy).toBeVisible();
  await expect(noise.noisy).toHaveAttribute('aria-label', /Gaussian noise σ = 0.3/);
  expect(await noise.changedPixels()).toBeGreaterThan(0);
  await expect(noise.targets).toContainText('T = 4');

  // Fickle Teacher: mean and min–max of the soft targets over 8 dropout masks, one range per class.
  await run.stepUntil(async () => (await noise.modelText()).includes('Fickle Teacher'));
  await expect(noise.spread).toContainText('8 dropout masks');
  await expect(noise.spreadRanges).toHaveCount(10);
  await noise.panel.screenshot({ path: test.info().outputPath('noise-panel-fickle.png') });
  await expect(noise.noisy).toHaveCount(0);

  // Messy Collaboration: the flipped labels of a training batch (from its first step on).
  await run.stepUntil(async () => (await noise.modelText()).includes('Messy Collaboration'));
  await expect(noise.panel).toContainText('r = 0.5');
  await run.stepUntil(async () => (await noise.flipCount.count()) > 0);
  await expect(noise.flipCount).toHaveText(/^\d+ of 32$/);
  await noise.panel.screenshot({ path: test.info().outputPath('noise-panel.png') });

  await run.stepToDone();
  await expect(noise.gridEpoch).toHaveText(/After epoch 2 of 2 of S3: Messy Collaboration/);
  await expect(noise.gridRows).toHaveCount(4);
  await noise.grid.screenshot({ path: test.info().outputPath('prediction-grid.png') });
  // Closed, the panel says what it would show and nothing more.
  await noise.toggle.click();
  await expect(noise.model).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

// Study mode's controls, as a user meets them: seeds and a sweep typed into the form, checked as they are typed,
// and what they mean written into the config (and so into a share link). Training a study is the worker's part.
import { expect, test, tinyConfig } from './fixtures';

test('study controls: bad seeds or sweep values are named under the control and block Train; a valid study reaches the config', async ({
  app,
  config,
  run,
  study,
}) => {
  await app.open();
  await config.apply(tinyConfig());
  const seedsField = app.page.locator('[data-field="study.seeds"]');
  const valuesField = app.page.locator('[data-field="study.sweep.values"]');

  await study.seeds.fill('0,1');
  await expect(seedsField).toContainText('seeds must be positive integers');
  await expect(study.seeds).toHaveAttribute('aria-invalid', 'true');
  await expect(run.trainButton).toBeDisabled();

  await study.seeds.fill('3');
  await study.sweepParam.selectOption('sigma');
  await study.sweepValues.fill('0.1, 0');
  await expect(valuesField).toContainText('σ = 0 is invalid');
  await expect(run.trainButton).toBeDisabled();

  await study.sweepValues.fill('0.1, 0.2');
  await expect(valuesField.locator('.field-error')).toHaveCount(0);
  await expect(run.trainButton).toBeEnabled();
  await expect(study.size).toContainText('3 seeds × 2 σ values = 6 runs');
  // The seed list sets the seeds: the single Seed field has nothing to say meanwhile.
  await expect(app.page.locator('[data-field="seed"] input')).toBeDisabled();
  expect(((await config.read()) as { study: unknown }).study).toEqual({
    seeds: [1, 2, 3],
    sweep: { param: 'sigma', values: [0.1, 0.2] },
  });

  await study.afterRun.uncheck();
  expect(((await config.read()) as { attack: { afterRun: boolean } }).attack.afterRun).toBe(false);
  expect(app.pageErrors).toEqual([]);
});

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
  await study.showControls();
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

test('a 2-seed study trains in the browser: mean ± sd, seed dots, Δ with its interval, claims; a reload mid-study resumes and finishes it; the CSV has a row per model × seed', async ({
  app,
  config,
  run,
  study,
  results,
}) => {
  const cfg = tinyConfig({
    teacher: { model: { family: 'cnn', channels: [4, 8], hidden: 16, dropout: 0.3 }, epochs: 1 },
    student: { model: { family: 'cnn', channels: [4, 4], hidden: 8, dropout: 0 }, epochs: 1 },
    students: [
      { method: 'hinton-kd' },
      { method: 'fickle-teacher' },
      { method: 'soft-randomization', sigma: 0.2 },
      { method: 'gaussian-augmentation', sigma: 0.2 },
    ],
    study: { seeds: [1, 2] },
  });
  const models = 5; // teacher + 4 students
  await app.open();
  await config.apply(cfg);
  // Step mode pauses after every epoch (and before each PGD evaluation), so the test sees each stage.
  await run.trainToFirstPause();
  await expect(study.cellLine).toHaveText(/Seed 1 of 2/);
  await expect(study.eta).toContainText(/\d/);
  // Continue until seed 2 has begun (seed 1 finished, PGD included, and its record saved): reload there.
  await run.stepUntil(async () => /Seed 2 of 2/.test((await study.cellLine.textContent()) ?? ''));
  await app.reload();
  await expect(run.resumeBanner).toBeVisible();
  await expect(run.resumeBanner).toContainText(/seed 2 of 2/i);
  await run.resumeInterrupted();
  await run.stepToDone();

  // The table: every model with mean ± sd over 2 seeds and a dot per seed, clean and PGD.
  await expect(results.rows).toHaveCount(models);
  const hinton = results.rows.filter({ hasText: 'Hinton KD' }).first();
  await expect(hinton.getByTestId('clean-acc')).toContainText('±');
  await expect(hinton.getByTestId('robust-acc')).toContainText('±');
  await expect(hinton.getByTestId('clean-acc').locator('circle')).toHaveCount(2);
  // Δ against the reference with its interval; 2 seeds are too few to mark anything, and no "best" is crowned.
  const fickle = results.rows.filter({ hasText: 'Fickle Teacher' }).first();
  await expect(study.referenceOf(fickle).first()).toContainText(/vs .*Hinton KD/);
  await expect(fickle.getByTestId('delta').first()).toContainText(/\(.+….+\)/); // the 95 % interval
  await expect(fickle.getByTestId('delta').first()).toContainText(/too few seeds/);
  await expect(results.table).not.toContainText(/best/i);

  // The claims: each shown, with what was measured; 2 seeds give no verdict.
  await expect(study.claims).toHaveCount(3);
  await expect(study.claim('fickle-clean')).toHaveAttribute('data-verdict', 'too-few');
  await expect(study.claim('softrand-pgd')).toHaveAttribute('data-verdict', 'too-few');
  await expect(study.claim('messy-pgd')).toHaveAttribute('data-verdict', 'untested');
  await expect(study.claim('fickle-clean')).toContainText(/of 2 seeds/);
  await expect(study.curvesChart).toBeVisible();

  // Per-seed CSV: a header and one row per model × seed, seeds 1 and 2.
  const csv = (await study.perSeedCsv()).trim().split('\n');
  const header = csv[0].split(',');
  expect(csv.length - 1).toBe(models * 2);
  const seedCol = header.indexOf('seed');
  expect(seedCol).toBeGreaterThanOrEqual(0);
  expect(new Set(csv.slice(1).map((r) => r.split(',')[seedCol]))).toEqual(new Set(['1', '2']));
  await app.screenshot(test.info().outputPath('study-done.png'));
  expect(app.pageErrors).toEqual([]);
});

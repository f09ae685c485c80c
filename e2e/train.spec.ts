// User flows on tiny configs: assert on what a user sees.
import { expect, test, tinyConfig } from './fixtures';

test('the app loads on the embedded data set and reports its backend', async ({ app, run, config }) => {
  await app.open();
  await expect(run.badge).toContainText(/webgpu|webgl|wasm|cpu/i);
  await expect(run.status).toHaveText('idle');
  await expect(config.studentCards).toHaveCount(4);
  await expect(run.trainButton).toBeEnabled();
  expect(app.pageErrors).toEqual([]);
});

test('a run trains a teacher and four students; charts and results update', async ({ app, config, run, results }) => {
  await app.open();
  await config.apply(tinyConfig());
  await expect(config.errors).toHaveCount(0);
  await run.train();
  await expect(run.progress).toBeVisible();
  // The results table fills during the run, phase by phase.
  await expect(results.rows.first()).toBeVisible({ timeout: 120_000 });
  await run.waitForStatus('done');
  await expect(results.rows).toHaveCount(5);
  await expect(results.table).toContainText('Teacher');
  for (const m of ['Student alone', 'Hinton KD', 'Fickle Teacher', 'Soft Randomization']) {
    await expect(results.table).toContainText(m);
  }
  // One curve per model in each chart.
  await expect(results.lossLines.first()).toBeVisible();
  // Charts redraw in throttled transitions: wait for the final frame rather than counting once.
  await expect.poll(() => results.lossLines.count()).toBeGreaterThanOrEqual(5);
  await expect.poll(() => results.accLines.count()).toBeGreaterThanOrEqual(5);
  // By default the loss chart compares models: clean cross-entropy per epoch, on a training subset and the test set.
  await expect(results.lossView).toHaveValue('clean');
  await expect.poll(() => results.lossCurves('clean-train-loss').count()).toBe(5);
  await expect.poll(() => results.lossCurves('test-loss').count()).toBe(5);
  await expect(results.lossCurves('train-loss')).toHaveCount(0);
  await expect(results.lossImage).toHaveAttribute(
    'aria-label',
    /clean cross-entropy.*Teacher: train CE \d\.\d{3}, test CE/,
  );
  await results.hoverLossEnd();
  await expect(results.tooltip).toContainText(/Teacher · train CE: \d/);
  await expect(results.tooltip).toContainText(/test CE: \d/);
  await app.screenshot(test.info().outputPath('finished-run.png'));
  // The training objective per step is an option, marked as differing by method.
  await results.lossView.selectOption('objective');
  await expect.poll(() => results.lossCurves('train-loss').count()).toBe(5);
  await expect(results.lossCurves('clean-train-loss')).toHaveCount(0);
  await expect(results.lossCurves('test-loss')).toHaveCount(5);
  await expect(results.lossNote).toContainText(/differs by method/);
  await expect(results.lossImage).toHaveAttribute('aria-label', /training objective per step/);
  await results.hoverLossEnd();
  await expect(results.tooltip).toContainText(/train objective: \d/);
  await app.screenshot(test.info().outputPath('objective-view.png'));
  await results.lossView.selectOption('clean');
  // Each chart saves as a PNG for slides.
  const bytes = await results.lossChartPng();
  expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  // The backend details list what the autotuner chose for the training ops on this device.
  await run.badge.locator('summary').click();
  const tuned = run.badge.getByTestId('badge-tuned');
  await expect(tuned).toContainText('Training ops tuned for this device');
  await expect(tuned).toContainText(/conv filter gradient: [a-z-]+ ×\d/);
  await expect(tuned).toContainText(/conv input gradient: [a-z-]+ ×\d/);
  await run.badge.locator('summary').click();
  expect(app.pageErrors).toEqual([]);
});

test('a forced-WebGL run works', async ({ app, run, results }) => {
  await app.open();
  // One epoch each: WebGL here is SwiftShader (software), where every new shape compiles shaders; the point is
  // that training, the per-epoch evaluations and PGD after training all run on it, not how far they get.
  const tiny = tinyConfig();
  await app.runToDone(
    tinyConfig({
      backend: 'webgl',
      teacher: { ...tiny.teacher, epochs: 1 },
      student: { ...tiny.student, epochs: 1 },
      // One student (distilled, so the teacher's forward runs on WebGL too): under load the run with two took
      // 1.7–2.7 min against the 150 s wait.
      students: [{ method: 'hinton-kd' }],
    }),
  );
  await expect(run.badge).toContainText(/webgl/i);
  await expect(results.rows).toHaveCount(2);
  expect(app.pageErrors).toEqual([]);
});

test('a forced-WebGPU run works: the WGSL optimiser update, on a software GPU untuned', async ({
  app,
  run,
  results,
}) => {
  await app.open();
  // WebGPU here is SwiftShader (software): the point is that the training step (the optimiser's WGSL update, weight
  // decay folded in), the evaluations and PGD run on it, not how far they get. One distilled student, so the
  // teacher's forward runs on WebGPU too.
  const tiny = tinyConfig();
  await app.runToDone(
    tinyConfig({
      backend: 'webgpu',
      optimizer: { type: 'adam', lr: 0.01, weightDecay: 5e-4 },
      teacher: { ...tiny.teacher, epochs: 1 },
      student: { ...tiny.student, epochs: 1 },
      students: [{ method: 'hinton-kd' }],
    }),
  );
  await expect(run.badge).toContainText(/webgpu/i);
  await expect(results.rows).toHaveCount(2);
  for (const row of await results.rows.all()) await expect(row).not.toContainText(/NaN|diverged/i);
  // A software GPU is said so, and not tuned (timing there would measure shader compilation): the prior rules ran.
  await expect(run.badge).toContainText(/software GPU/);
  await expect(run.badge.getByTestId('badge-tuned')).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test('invalid input names the field and nothing starts', async ({ app, config, run }) => {
  await app.open();
  const bad = tinyConfig({
    optimizer: { type: 'adam', lr: -1 },
    students: [{ method: 'nope' }, { method: 'soft-randomization', sigma: 3 }],
  });
  (bad.teacher as { epochs: number }).epochs = 0;
  await config.apply(bad);
  for (const field of ['optimizer.lr', 'students.0.method', 'students.1.sigma', 'teacher.epochs']) {
    await expect(config.errors).toContainText(field);
  }
  await expect(run.trainButton).toBeDisabled();
  await expect(run.status).toHaveText('idle');
  await config.apply('{ "seed": 1, ');
  await expect(config.errors).toContainText(/JSON/i);
  await expect(run.status).toHaveText('idle');
});

test('a diverging run stops with a clear message and the UI stays usable', async ({ app, config, run, results }) => {
  await app.open();
  await config.apply(
    tinyConfig({
      optimizer: { type: 'sgd', lr: 1000, momentum: 0.9, weightDecay: 0 },
      students: [{ method: 'student-alone' }],
    }),
  );
  await run.train();
  await expect(run.error).toContainText(/diverged/i, { timeout: 120_000 });
  await expect(run.error).toContainText(/learning rate/i);
  await expect(run.status).toHaveText('error');
  await app.runToDone(tinyConfig({ students: [{ method: 'student-alone' }] }));
  await expect(results.rows).toHaveCount(1);
});

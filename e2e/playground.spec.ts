// Playground controls for teaching: from a pause, "Step one batch" trains exactly one batch and pauses again;
// slow motion stretches each step; a stop ends the run at once.
import { expect, test, tinyConfig } from './fixtures';

test('step one batch from a pause, then slow motion, then stop', async ({ app, config, run }) => {
  await app.open();
  await config.apply(tinyConfig({ students: [{ method: 'hinton-kd' }] }));
  await run.trainToFirstPause(); // step mode: paused after the teacher's first epoch (4 batches of 32)
  await expect(run.progress).toContainText('epoch 1/2 · step 4/4');
  for (const step of [1, 2]) {
    await run.stepOnce();
    await expect(run.progress).toContainText(`epoch 2/2 · step ${step}/4`);
    await run.waitForStatus('paused');
  }
  // The → key does the same outside text fields.
  await app.page.locator('body').press('ArrowRight');
  await expect(run.progress).toContainText('epoch 2/2 · step 3/4');
  await run.waitForStatus('paused');
  // Slow motion: a second before every step. The teacher's last batch, then (step mode) a pause; in the
  // student's phase the second batch comes about a second after the first.
  await run.setSpeed(1000);
  await app.page.getByTestId('resume').click();
  await run.waitForStatus('paused');
  await app.page.getByTestId('resume').click();
  await expect(run.progress).toContainText('epoch 1/2 · step 1/4', { timeout: 10_000 });
  const t0 = Date.now();
  await expect(run.progress).toContainText('epoch 1/2 · step 2/4', { timeout: 10_000 });
  expect(Date.now() - t0).toBeGreaterThanOrEqual(700); // display updates are throttled to 250 ms
  await run.stop();
  await run.waitForStatus('stopped', 10_000);
  expect(app.pageErrors).toEqual([]);
});

test('? opens the help: shortcuts and a glossary of T, α, σ, r, ε, PGD and KD; Escape closes it', async ({ app }) => {
  await app.open();
  const dialog = app.page.getByTestId('help-dialog');
  await app.page.locator('body').press('?');
  await expect(dialog).toBeVisible();
  for (const term of ['T', 'α', 'σ', 'r', 'ε', 'PGD', 'KD'])
    await expect(dialog.locator('dt', { hasText: term }).first()).toBeVisible();
  await expect(dialog).toContainText('pause / resume');
  await app.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(app.pageErrors).toEqual([]);
});

// Playground controls for teaching: from a pause, "Step one batch" trains exactly one batch and pauses again;
// slow motion stretches each step; a stop ends the run at once; Reset returns to epoch 0 with the same initial
// weights; the glossary's info buttons by the fields.
import { expect, test, tinyConfig } from './fixtures';
import { scan } from './pages/axe';

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
  const progressLog = await run.recordProgress();
  await app.page.getByTestId('resume').click();
  await expect(run.progress).toContainText('epoch 1/2 · step 2/4', { timeout: 10_000 });
  const log = await progressLog();
  const shown = (step: string) => log.find((e) => e.text.includes(`epoch 1/2 · step ${step}/4`))?.t ?? NaN;
  // A second between the two steps, less the display's 250 ms throttle.
  expect(shown('2') - shown('1')).toBeGreaterThanOrEqual(700);
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

test('Reset returns to epoch 0 with the same initial weights: empty charts, Train enabled, the same results again', async ({
  app,
  config,
  run,
  results,
}) => {
  await app.open();
  // One epoch each: a model's clean accuracy in the results table is its first-epoch test accuracy.
  await config.apply(
    tinyConfig({
      teacher: { model: { family: 'cnn', channels: [4, 8], hidden: 16, dropout: 0.3 }, epochs: 1 },
      student: { model: { family: 'cnn', channels: [4, 4], hidden: 8, dropout: 0 }, epochs: 1 },
      students: [{ method: 'student-alone' }, { method: 'hinton-kd' }],
    }),
  );
  const cells = app.page.getByTestId('clean-acc');
  await run.trainToDone();
  await expect(results.rows).toHaveCount(3);
  const first = await cells.allTextContents();
  expect(first.every((t) => /\d/.test(t))).toBe(true);
  await expect.poll(() => results.lossLines.count()).toBeGreaterThan(0);

  // A finished run resets at once (its history entry stays): no question asked.
  await app.page.getByTestId('reset').click();
  await run.waitForStatus('idle', 10_000);
  await expect(app.page.getByTestId('reset-ask')).toHaveCount(0);
  await expect(results.lossLines).toHaveCount(0);
  await expect(results.accLines).toHaveCount(0);
  await expect(app.page.getByText('Curves appear here as soon as training starts.')).toBeVisible();
  await expect(results.rows).toHaveCount(0);
  await expect(run.progress).toContainText('Ready to train 3 models');
  await expect(run.trainButton).toBeEnabled();

  await run.trainToDone();
  await expect(results.rows).toHaveCount(3);
  expect(await cells.allTextContents()).toEqual(first);
  expect(app.pageErrors).toEqual([]);
});

test('R during a run that has gone a while asks inline first: Escape keeps it, confirming stops and resets', async ({
  app,
  config,
  run,
  results,
}) => {
  await app.open();
  await config.apply(tinyConfig({ students: [{ method: 'hinton-kd' }] }));
  await run.trainToFirstPause();
  await app.page.waitForTimeout(5_500); // past the few seconds after which Reset asks
  await app.page.locator('body').press('r');
  const ask = app.page.getByTestId('reset-ask');
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('reset to epoch 0?');
  await expect(app.page.getByTestId('reset-cancel')).toBeFocused();
  await app.page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(app.page.getByTestId('reset')).toBeFocused();
  await run.waitForStatus('paused');

  await app.page.keyboard.press('r');
  await app.page.getByTestId('reset-confirm').click();
  await run.waitForStatus('idle', 20_000);
  await expect(results.lossLines).toHaveCount(0);
  await expect(results.rows).toHaveCount(0);
  await expect(run.trainButton).toBeEnabled();
  expect(app.pageErrors).toEqual([]);
});

test("the info button by the lanes' T explains temperature on focus, stays in view, and Escape closes it", async ({
  app,
  page,
}) => {
  await app.open();
  // The lanes' rows have room for one symbol per number; their glossary buttons sit right under the rows.
  await expect(page.locator('[data-field$=".temperature"]').first()).toBeVisible();
  const button = page.locator('.lane-symbols').getByRole('button', { name: 'What is T?' });
  const tip = button.locator('xpath=following-sibling::*[@role="tooltip"]');
  await expect(tip).toBeHidden();
  await button.focus();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('temperature');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(button).toHaveAccessibleDescription(/temperature/);
  const { blocking } = await scan(page); // the open text too: contrast and names
  expect(blocking).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.blur(); // the loop below opens each text by focusing its button

  // Inside the viewport at a projector's 1280×720 and a phone's 390 px, for every info button shown.
  for (const size of [
    { width: 1280, height: 720 },
    { width: 390, height: 800 },
  ]) {
    await page.setViewportSize(size);
    const buttons = page.getByTestId('glossary-button');
    expect(await buttons.count()).toBeGreaterThan(1);
    for (const b of await buttons.all()) {
      if (!(await b.isVisible())) continue;
      await b.scrollIntoViewIfNeeded();
      await b.focus();
      const box = await b.locator('xpath=following-sibling::*[@role="tooltip"]').boundingBox();
      expect(box, `the text of ${await b.getAttribute('aria-label')} is shown at ${size.width} px`).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
      await b.blur();
    }
  }
  expect(app.pageErrors).toEqual([]);
});

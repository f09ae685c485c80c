// Step by step, in a real (tiny) run: after every epoch the explainer says what changed and compares the students
// at the same epoch, never repeating a sentence; when the run is done it shows the summary of the run.
import { expect, test, tinyConfig } from './fixtures';

const sentences = (text: string) =>
  text
    .split('\n')
    .flatMap((l) => l.split(/(?<=[.)])\s+(?=[A-Z0-9])/))
    .map((s) => s.trim())
    .filter(Boolean);

test('the step explainer compares the students epoch by epoch, repeats nothing, and ends with a summary', async ({
  app,
  config,
  run,
}) => {
  await app.open();
  await config.apply(
    tinyConfig({ students: [{ method: 'student-alone' }, { method: 'hinton-kd' }, { method: 'fickle-teacher' }] }),
  );
  await run.trainToFirstPause();
  const explainer = app.page.getByTestId('step-explainer');
  const live = explainer.locator('[aria-live="polite"]');
  const heading = explainer.getByRole('heading');
  await expect(heading).toHaveText('Epoch 1 of 2 · Teacher');
  await expect(live).toContainText('after its first pass over the training images');

  const told = new Map<string, string>();
  for (let i = 0; i < 200 && (await run.status.textContent()) !== 'done'; i++) {
    if ((await run.status.textContent()) === 'paused') {
      const h = (await heading.textContent()) ?? '';
      if (h.startsWith('Epoch') && !told.has(h)) told.set(h, (await live.innerText()).replace(/\u00a0/g, ' ')); // "98.1 %" keeps its space unbroken
      const go = app.page.getByTestId('step-continue');
      if (await go.isEnabled()) await go.click();
    }
    await app.page.waitForTimeout(150);
  }
  await run.waitForStatus('done');
  // Every epoch paused (the last one may not: the pause takes effect at the next step, if there is one).
  expect(told.size).toBeGreaterThanOrEqual(7);
  expect([...told.keys()].slice(0, 3)).toEqual([
    'Epoch 1 of 2 · Teacher',
    'Epoch 2 of 2 · Teacher',
    'Epoch 1 of 2 · S1: Student alone',
  ]);
  const s3 = told.get('Epoch 2 of 2 · S3: Fickle Teacher') ?? told.get('Epoch 1 of 2 · S3: Fickle Teacher')!;
  expect(s3).toMatch(
    /Fickle Teacher \(S3\) is (level with|\d+\.\d points (above|below)) Hinton KD \(S2\) at the same epoch/,
  );
  const all = [...told.values()].flatMap(sentences);
  expect(all.filter((x, i) => all.indexOf(x) !== i)).toEqual([]);
  expect(all.filter((x) => x.startsWith('One seed:'))).toHaveLength(1);

  // Done: the summary of the run in the same place.
  await expect(heading).toHaveText('Run finished: final test accuracy');
  const summary = app.page.getByTestId('run-summary');
  await expect(summary).toContainText(/The teacher reached \d+\.\d\s% test accuracy\./);
  await expect(summary).toContainText(/Hinton KD \(S2\): \d+\.\d\s%, .*Student alone \(S1\)\./);
  await expect(summary).toContainText('This is one seed');
  await expect(app.page.getByTestId('step-continue')).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

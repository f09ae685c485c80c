// Nothing lost: a run interrupted by a reload resumes from its last finished epoch and ends where an
// uninterrupted run ends; trained teachers come back from the browser cache after a reload.
import { readFileSync } from 'node:fs';
import { expect, test, tinyConfig } from './fixtures';

const config = tinyConfig({ students: [{ method: 'hinton-kd' }, { method: 'soft-randomization', sigma: 0.2 }] });

test('a run killed mid-way resumes after a reload and ends exactly where an uninterrupted run ends', async ({
  newPlayground,
}) => {
  // Uninterrupted, in its own browser context (own IndexedDB: no cached teacher).
  const a = await newPlayground();
  await a.open();
  await a.runToDone(config);
  const full = await a.history.exportRun();
  await a.close();

  // Interrupted: step mode pauses after the first epoch (its checkpoint is saved by then); reload kills the run.
  const b = await newPlayground();
  await b.open();
  await b.config.apply(config);
  await b.run.setStepMode(true);
  await b.run.train();
  await b.run.waitForStatus('paused');
  await b.reload();
  await expect(b.run.resumeBanner).toBeVisible();
  const t0 = Date.now();
  await b.run.resumeInterrupted();
  await expect(b.run.status).not.toHaveText('idle');
  const resumeMs = Date.now() - t0;
  // The resumed run keeps step mode: continue after each epoch until it is done.
  await b.run.stepToDone();
  const resumed = (await b.history.exportRun()).run;
  expect(resumed.results.map((r) => r.id)).toEqual(full.run.results.map((r) => r.id));
  full.run.results.forEach((r, i) => {
    const q = resumed.results[i];
    expect(Math.abs(q.testAcc - r.testAcc)).toBeLessThanOrEqual(1e-5);
    expect(Math.abs(q.testLoss - r.testLoss)).toBeLessThanOrEqual(1e-5);
    expect(Math.abs(q.trainLoss - r.trainLoss)).toBeLessThanOrEqual(1e-5);
  });
  test.info().annotations.push({ type: 'resume', description: `resume click → running in ${resumeMs} ms` });

  // The uninterrupted run's export (from the other context) imports into this history: 2 runs → 3.
  await b.history.open();
  await expect(b.history.rows).toHaveCount(1); // the resumed run (the killed one never ended)
  await b.history.importRun('uninterrupted-run.json', full.text);
  await expect(b.history.rows).toHaveCount(2);
  await expect(b.notices).toContainText('Imported run uninterrupted-run.json');

  // The teacher trained above is in this context's IndexedDB: after a reload it is not trained again.
  await b.reload();
  await b.run.setStepMode(false); // the address bar kept step mode (&step=1)
  await b.runToDone({ ...config, students: [{ method: 'fickle-teacher' }] });
  await expect(b.notices).toContainText(/Teacher loaded from this browser's cache/);

  // A trained model downloads as a file, imports back, and becomes a source in the attack lab.
  const file = await b.history.downloadModel();
  expect(file.suggestedFilename()).toMatch(/\.kdnpm$/);
  await b.history.importModel({ name: file.suggestedFilename(), buffer: readFileSync(await file.path()) });
  await expect(b.notices).toContainText(/Imported/);
  await expect(b.lab.source).toContainText(/Imported/);
  expect(b.pageErrors).toEqual([]);
  await b.close();
});

test('two tabs train at once; one is closed mid-run: a new tab resumes it exactly and the other run is untouched', async ({
  newPlayground,
}) => {
  const cfgA = tinyConfig({ seed: 11, students: [{ method: 'hinton-kd' }] });
  const cfgB = tinyConfig({ seed: 12, students: [{ method: 'student-alone' }] });
  // References: each run uninterrupted, in a context of their own.
  const ref = await newPlayground();
  await ref.open();
  await ref.runToDone(cfgA);
  const refA = (await ref.history.exportRun()).run;
  await ref.runToDone(cfgB);
  const refB = (await ref.history.exportRun()).run;
  await ref.close();

  // Two tabs of one browser (shared IndexedDB and Web Locks), both paused after their first epoch.
  const a = await newPlayground();
  await a.open();
  await a.config.apply(cfgA);
  await a.run.trainToFirstPause();
  const b = await a.newTab();
  await b.open();
  await expect(b.run.runsElsewhere).toContainText('training in another tab'); // A's run: not offered here
  await expect(b.run.resumeBanner).toHaveCount(0);
  await b.config.apply(cfgB);
  await b.run.trainToFirstPause();

  await a.closeTab(); // mid-run
  const c = await b.newTab();
  await c.open();
  await expect(c.run.resumeBanner).toBeVisible(); // A's run, whose tab is gone; B's still has its owner
  await c.run.resumeInterrupted();
  await c.run.stepToDone();
  await b.run.stepToDone();
  const same = (x: typeof refA, y: typeof refA) =>
    y.results.forEach((r, i) => {
      expect(x.results[i].id).toBe(r.id);
      expect(Math.abs(x.results[i].testAcc - r.testAcc)).toBeLessThanOrEqual(1e-5);
      expect(Math.abs(x.results[i].testLoss - r.testLoss)).toBeLessThanOrEqual(1e-5);
    });
  same((await c.history.exportRun()).run, refA);
  same((await b.history.exportRun()).run, refB);
  expect([...b.pageErrors, ...c.pageErrors]).toEqual([]);
});

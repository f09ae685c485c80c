// Nothing lost: a run interrupted by a reload resumes from its last finished epoch and ends where an
// uninterrupted run ends; trained teachers come back from the browser cache after a reload.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { Playground, tinyConfig } from './pages/playground';

const config = tinyConfig({ students: [{ method: 'hinton-kd' }, { method: 'soft-randomization', sigma: 0.2 }] });

interface Exported {
  results: { id: string; testAcc: number; testLoss: number; trainLoss: number; history: { trainLoss: number }[] }[];
}

async function exportRun(page: Page): Promise<Exported & { text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-run').click()]);
  const text = readFileSync(await download.path(), 'utf8'); // read now: the file goes with its context
  const json = JSON.parse(text);
  return { ...(json.record ?? json), text };
}

test('a run killed mid-way resumes after a reload and ends exactly where an uninterrupted run ends', async ({
  browser,
}) => {
  // Uninterrupted, in its own browser context (own IndexedDB: no cached teacher).
  const ctxA = await browser.newContext();
  const a = new Playground(await ctxA.newPage());
  await a.open();
  await a.applyJson(config);
  await a.train();
  await a.waitForStatus('done');
  const full = await exportRun(a.page);
  await ctxA.close();

  // Interrupted: step mode pauses after the first epoch (its checkpoint is saved by then); reload kills the run.
  const ctxB = await browser.newContext();
  const page = await ctxB.newPage();
  const b = new Playground(page);
  await b.open();
  await b.applyJson(config);
  await page.getByTestId('step-mode').check();
  await b.train();
  await b.waitForStatus('paused');
  await page.reload();
  const banner = page.getByTestId('resume-banner');
  await expect(banner).toBeVisible();
  const t0 = Date.now();
  await banner.getByTestId('resume-run').click();
  await expect(b.status).not.toHaveText('idle');
  const resumeMs = Date.now() - t0;
  // The resumed run keeps step mode: continue after each epoch until it is done.
  for (let i = 0; i < 50; i++) {
    const s = await b.status.textContent();
    if (s === 'done') break;
    if (s === 'paused') await page.getByTestId('resume').click();
    await page.waitForTimeout(200);
  }
  await b.waitForStatus('done');
  const resumed = await exportRun(page);
  expect(resumed.results.map((r) => r.id)).toEqual(full.results.map((r) => r.id));
  full.results.forEach((r, i) => {
    const q = resumed.results[i];
    expect(Math.abs(q.testAcc - r.testAcc)).toBeLessThanOrEqual(1e-5);
    expect(Math.abs(q.testLoss - r.testLoss)).toBeLessThanOrEqual(1e-5);
    expect(Math.abs(q.trainLoss - r.trainLoss)).toBeLessThanOrEqual(1e-5);
  });
  test.info().annotations.push({ type: 'resume', description: `resume click → running in ${resumeMs} ms` });

  // The uninterrupted run's export (from the other context) imports into this history: 2 runs → 3.
  const history = page.getByTestId('run-history');
  await history.locator('summary').click();
  await expect(page.getByTestId('history-row')).toHaveCount(1); // the resumed run (the killed one never ended)
  await page.getByTestId('history-import').setInputFiles({
    name: 'uninterrupted-run.json',
    mimeType: 'application/json',
    buffer: Buffer.from(full.text),
  });
  await expect(page.getByTestId('history-row')).toHaveCount(2);
  await expect(page.getByTestId('notices')).toContainText('Imported run uninterrupted-run.json');

  // The teacher trained above is in this context's IndexedDB: after a reload it is not trained again.
  await page.reload();
  await page.getByTestId('step-mode').uncheck(); // the address bar kept step mode (&step=1)
  await b.applyJson({ ...config, students: [{ method: 'fickle-teacher' }] });
  await b.train();
  await b.waitForStatus('done');
  await expect(page.getByTestId('notices')).toContainText(/Teacher loaded from this browser's cache/);

  // A trained model downloads as a file, imports back, and becomes a source in the attack lab.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-model').first().click()]);
  expect(file.suggestedFilename()).toMatch(/\.kdnpm$/);
  await page.getByTestId('import-model-input').setInputFiles(
    await file.path().then((p) => ({
      name: file.suggestedFilename(),
      mimeType: 'application/octet-stream',
      buffer: readFileSync(p),
    })),
  );
  await expect(page.getByTestId('notices')).toContainText(/Imported/);
  await expect(page.getByTestId('attack-source')).toContainText(/Imported/);
  expect(b.pageErrors).toEqual([]);
  await ctxB.close();
});

// The attack lab after a tiny run: PGD gallery for every model, a robust-accuracy curve over ε, CSV export.
import { expect, test, tinyConfig } from './fixtures';

test('after a run, PGD examples, the robustness curve and the CSV export cover every model', async ({ app, lab }) => {
  await app.open();
  await app.runToDone(
    tinyConfig({
      students: [
        { method: 'student-alone' },
        { method: 'gaussian-augmentation', sigma: 0.2 },
        { method: 'soft-randomization', sigma: 0.2 },
      ],
      attack: { eps: 0.1, stepSize: 0.025, steps: 5, subset: 32 },
    }),
  );
  const models = 4; // teacher + 3 students
  await lab.show();

  await lab.craftGallery();
  await expect(lab.galleryItems.first()).toBeVisible();
  expect(await lab.galleryItems.count()).toBeGreaterThan(0);
  await expect(lab.modelRows(lab.galleryItems.first())).toHaveCount(models);

  // Every text the sweep's progress line shows, from its first: it names the ε range and has a time left from
  // the start (estimated from the run's speed) rather than a bare "starting…".
  await app.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { sweepProgress: string[] }).sweepProgress = seen;
    const note = () => {
      const el = document.querySelector('[data-testid=attack-progress]');
      const text = el?.textContent ?? '';
      if (text && seen.at(-1) !== text) seen.push(text);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await lab.runSweep();
  await expect(lab.sweepTable).toBeVisible({ timeout: 120_000 });
  const progress = await app.page.evaluate(() => (window as unknown as { sweepProgress: string[] }).sweepProgress);
  expect(progress.length).toBeGreaterThan(0);
  expect(progress[0]).toMatch(/ε sweep · PGD-5 \(rand\) sweep, ε = [\d.]+–[\d.]+/);
  expect(progress[0]).not.toContain('starting…');
  expect(progress[0]).toMatch(/left, estimated from this device’s speed|ETA \d/);
  // The results name the range the sweep covered, not one ε of it.
  await expect(lab.panel.getByTestId('robust-chart').locator('figcaption')).toContainText(
    /PGD-5 \(rand\) sweep, ε = [\d.]+–[\d.]+ · white-box/,
  );
  await expect(lab.sweepTable.locator('caption')).toContainText(/sweep, ε = [\d.]+–[\d.]+/);
  await expect(lab.robustLines).toHaveCount(models);
  expect(await lab.pointCount(lab.robustLines.first())).toBeGreaterThanOrEqual(4);
  await app.screenshot(test.info().outputPath('attack-lab.png'));

  const csv = await lab.exportCsv();
  const header = csv[0].split(',');
  expect(header.slice(0, 4)).toEqual(['model_id', 'model', 'kind', 'eps']);
  const epsCount = new Set(csv.slice(1).map((r) => r.split(',')[header.indexOf('eps')])).size;
  expect(epsCount).toBeGreaterThanOrEqual(4);
  expect(csv.length - 1).toBe(models * epsCount);
  expect(app.pageErrors).toEqual([]);
});

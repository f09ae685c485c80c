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

  await lab.runSweep();
  await expect(lab.sweepTable).toBeVisible({ timeout: 120_000 });
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

// Real data sets: import official files through the file picker, the prepared-shard download with progress,
// the IndexedDB cache on reload, and clear errors for bad files.
import { writeFileSync } from 'node:fs';
import { expect, test, tinyConfig } from './fixtures';
import { CIFAR_SUBSET, hasCifarSubset, NO_CIFAR } from './shared-data';

const tinyCifar = () =>
  tinyConfig({
    data: { dataset: 'cifar-10', trainSize: 256, testSize: 100, augment: 'crop-flip' },
    teacher: { model: { family: 'wrn', depth: 10, widen: 1, dropout: 0.3 }, epochs: 1 },
    student: { model: { family: 'cnn', channels: [4, 8], hidden: 16, dropout: 0 }, epochs: 1 },
    students: [{ method: 'fickle-teacher' }],
    batchSize: 32,
  });

test('importing the CIFAR-10 archive shows what was found, samples and class counts, and trains', async ({
  app,
  data,
  config,
  run,
  results,
}) => {
  test.skip(!hasCifarSubset, NO_CIFAR);
  await app.open();
  await data.show();
  await data.importFiles(CIFAR_SUBSET);
  await expect(data.summary).toContainText('10,000 training images from 1 of 5 batches, 10,000 test images');
  await expect(data.summary).toContainText(/imported/i);
  await expect(data.select).toHaveValue('cifar-10');
  await expect(data.sampleGrid).toBeVisible();
  for (const name of ['airplane', 'truck']) await expect(data.classCounts).toContainText(name);
  await app.screenshot(test.info().outputPath('cifar-imported.png'));

  await config.apply(tinyCifar());
  await expect(config.errors).toHaveCount(0);
  await run.trainToDone();
  await expect(results.rows).toHaveCount(2);
  expect(app.pageErrors).toEqual([]);
});

test('a bad file gets a clear message naming it, and nothing is loaded', async ({ app, data }) => {
  await app.open();
  await data.show();
  const bad = test.info().outputPath('data_batch_1.bin');
  writeFileSync(bad, new Uint8Array(3073 * 2 + 100)); // not a whole number of 3,073-byte records
  await data.importFiles(bad);
  await expect(data.error).toBeVisible();
  await expect(data.error).toContainText('data_batch_1.bin');
  await expect(data.error).toContainText('3,073');
  await expect(data.select).toHaveValue('mnist-10k');
  expect(app.pageErrors).toEqual([]);
});

test('prepared CIFAR-10 downloads with progress once, then loads from the cache after a reload', async ({
  app,
  data,
}) => {
  test.skip(!hasCifarSubset, NO_CIFAR);
  const shardRequests = await data.watchShards(400); // slowed a little so the progress bar is seen
  await app.open();
  await data.show();
  await data.choose('cifar-10');
  await expect(data.progress).toBeVisible();
  await expect(data.progress).toContainText(/MB/);
  await expect(data.summary).toContainText('10,000 training images from 1 of 5 batches', { timeout: 120_000 });
  await expect(data.summary).toContainText(/downloaded/i);
  expect(shardRequests.length).toBeGreaterThan(0);

  shardRequests.length = 0;
  await app.reload();
  await data.choose('cifar-10');
  await expect(data.summary).toContainText(/browser cache/i);
  await expect(data.sampleGrid).toBeVisible();
  expect(shardRequests).toEqual([]);

  // Clearing the cache says how much it frees and empties it.
  await data.clearCache();
  await expect(data.cached).not.toContainText(/cifar-10.*MB/i);
  expect(app.pageErrors).toEqual([]);
});

test('with the storage quota exhausted, an import still loads and says it is not cached', async ({ app, data }) => {
  test.skip(!hasCifarSubset, NO_CIFAR);
  await app.open();
  await data.show();
  await app.setStorageQuota(1_000_000);
  await data.importFiles(CIFAR_SUBSET);
  await expect(data.summary).toContainText('10,000 training images from 1 of 5 batches');
  await expect(data.summary).toContainText(/not cached.*quota/i);
  await app.runToDone(tinyCifar());
  expect(app.pageErrors).toEqual([]);
});

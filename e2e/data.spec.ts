// Real data sets: import official files through the file picker, the prepared-shard download with progress,
// the IndexedDB cache on reload, and clear errors for bad files.
import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Playground, tinyConfig } from './pages/playground';
import { CIFAR_SUBSET, hasCifarSubset, NO_CIFAR } from './shared-data';

const tinyCifar = () =>
  tinyConfig({
    data: { dataset: 'cifar-10', trainSize: 256, testSize: 100, augment: 'crop-flip' },
    teacher: { model: { family: 'wrn', depth: 10, widen: 1, dropout: 0.3 }, epochs: 1 },
    student: { model: { family: 'cnn', channels: [4, 8], hidden: 16, dropout: 0 }, epochs: 1 },
    students: [{ method: 'fickle-teacher' }],
    batchSize: 32,
  });

test('importing the CIFAR-10 archive shows what was found, samples and class counts, and trains', async ({ page }) => {
  test.skip(!hasCifarSubset, NO_CIFAR);
  const app = new Playground(page);
  await app.open();
  await page.getByTestId('data-file-input').setInputFiles(CIFAR_SUBSET);
  const summary = page.getByTestId('data-summary');
  await expect(summary).toContainText('10,000 training images from 1 of 5 batches, 10,000 test images');
  await expect(summary).toContainText(/imported/i);
  await expect(page.getByTestId('dataset-select')).toHaveValue('cifar-10');
  await expect(page.getByTestId('sample-grid')).toBeVisible();
  const counts = page.getByTestId('class-counts');
  for (const name of ['airplane', 'truck']) await expect(counts).toContainText(name);
  await page.screenshot({ path: test.info().outputPath('cifar-imported.png'), fullPage: true });

  await app.applyJson(tinyCifar());
  await expect(app.configErrors).toHaveCount(0);
  await app.train();
  await app.waitForStatus('done');
  await expect(app.resultRows).toHaveCount(2);
  expect(app.pageErrors).toEqual([]);
});

test('a bad file gets a clear message naming it, and nothing is loaded', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  const bad = test.info().outputPath('data_batch_1.bin');
  writeFileSync(bad, new Uint8Array(3073 * 2 + 100)); // not a whole number of 3,073-byte records
  await page.getByTestId('data-file-input').setInputFiles(bad);
  const err = page.getByTestId('data-error');
  await expect(err).toBeVisible();
  await expect(err).toContainText('data_batch_1.bin');
  await expect(err).toContainText('3,073');
  await expect(page.getByTestId('dataset-select')).toHaveValue('mnist-10k');
  expect(app.pageErrors).toEqual([]);
});

test('prepared CIFAR-10 downloads with progress once, then loads from the cache after a reload', async ({ page }) => {
  test.skip(!hasCifarSubset, NO_CIFAR);
  const app = new Playground(page);
  const shardRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/data\/cifar-10\//.test(r.url())) shardRequests.push(r.url());
  });
  // Slow the shards down a little so the progress bar is seen, as on a real network.
  await page.route(/\/data\/cifar-10\//, async (route) => {
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  await app.open();
  await page.getByTestId('dataset-select').selectOption('cifar-10');
  const bar = page.getByTestId('data-progress');
  await expect(bar).toBeVisible();
  await expect(bar).toContainText(/MB/);
  const summary = page.getByTestId('data-summary');
  await expect(summary).toContainText('10,000 training images from 1 of 5 batches', { timeout: 120_000 });
  await expect(summary).toContainText(/downloaded/i);
  expect(shardRequests.length).toBeGreaterThan(0);

  shardRequests.length = 0;
  await page.reload();
  await page.getByTestId('dataset-select').selectOption('cifar-10');
  await expect(summary).toContainText(/browser cache/i);
  await expect(page.getByTestId('sample-grid')).toBeVisible();
  expect(shardRequests).toEqual([]);

  // Clearing the cache says how much it frees and empties it.
  page.once('dialog', (d) => d.accept());
  await page.locator('[data-testid=cached-data] > summary').click();
  await page.getByTestId('clear-all-data').click();
  await expect(page.getByTestId('cached-data')).not.toContainText(/cifar-10.*MB/i);
  expect(app.pageErrors).toEqual([]);
});

test('with the storage quota exhausted, an import still loads and says it is not cached', async ({ page }) => {
  test.skip(!hasCifarSubset, NO_CIFAR);
  const app = new Playground(page);
  await app.open();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 1_000_000 });
  await page.getByTestId('data-file-input').setInputFiles(CIFAR_SUBSET);
  const summary = page.getByTestId('data-summary');
  await expect(summary).toContainText('10,000 training images from 1 of 5 batches');
  await expect(summary).toContainText(/not cached.*quota/i);
  await app.applyJson(tinyCifar());
  await app.train();
  await app.waitForStatus('done');
  expect(app.pageErrors).toEqual([]);
});

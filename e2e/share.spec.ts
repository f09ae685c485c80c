// Share links: the address bar carries the config; a link opens the same experiment elsewhere; hostile links
// are repaired with a notice and never run script; classroom links hide the controls.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Playground, tinyConfig } from './pages/playground';

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

test('a copied link opens the same config in a fresh context, with the same first-epoch losses', async ({
  browser,
}) => {
  const ctxA = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const a = new Playground(await ctxA.newPage());
  await a.open();
  const cfg = tinyConfig({ seed: 7, students: [{ method: 'hinton-kd', temperature: 3 }] });
  await a.applyJson(cfg);
  // The address bar follows the config; Copy link puts the same link on the clipboard.
  await expect.poll(() => new URL(a.page.url()).hash.length).toBeGreaterThan(5);
  await a.page.getByTestId('copy-link').click();
  await expect(a.page.getByTestId('copy-link-status')).toContainText(/copied/i);
  const link = await a.page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).hash).toBe(new URL(a.page.url()).hash);
  const json = async (p: Playground) => JSON.parse(await p.page.getByTestId('config-json').inputValue());
  await a.train();
  await a.waitForStatus('done');
  // Every model's first-epoch losses, from the run export (full precision).
  const firstEpochLosses = async (p: Playground) => {
    const [d] = await Promise.all([p.page.waitForEvent('download'), p.page.getByTestId('export-run').click()]);
    const run = JSON.parse(readFileSync(await d.path(), 'utf8')) as {
      results: { id: string; history: { trainLoss: number; testLoss: number }[] }[];
    };
    return run.results.map((r) => [r.id, r.history[0].trainLoss, r.history[0].testLoss]);
  };
  const lossA = await firstEpochLosses(a);
  expect(lossA).toHaveLength(2); // teacher and student

  const ctxB = await browser.newContext();
  const b = new Playground(await ctxB.newPage());
  await b.page.goto(link);
  await expect(b.page.getByRole('heading', { level: 1 })).toBeVisible();
  await b.page.locator('details:has([data-testid=config-json]) > summary').click();
  expect(await json(b)).toEqual(await json(a));
  await b.train();
  await b.waitForStatus('done');
  expect(await firstEpochLosses(b)).toEqual(lossA);
  expect(link.length).toBeLessThan(400);
  await ctxA.close();
  await ctxB.close();
});

test('a hostile link opens with defaults for the bad fields, a notice, and no script', async ({ page }) => {
  const app = new Playground(page);
  // Raw JSON text: "__proto__" must arrive as a key, and 1e308 as a number.
  const hostile =
    '{"seed":"<img src=x onerror=\\"window.__xss=1\\">","batchSize":1e308,"__proto__":{"polluted":true},' +
    '"students":[{"method":"<script>window.__xss=2</script>"},{"method":"hinton-kd","temperature":"NaN"}],' +
    `"zzz":"${'x'.repeat(5000)}"}`;
  await page.goto(`/#v1j.${b64url(hostile)}`);
  const notice = page.getByTestId('link-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('seed');
  await expect(page.getByTestId('train')).toBeEnabled();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await notice.getByRole('button').first().click();
  await expect(notice).toBeHidden();
  expect(app.pageErrors).toEqual([]);
  // Garbage is not a blank page either.
  await page.goto(`/#v1.${'%%%garbage'.repeat(50)}`);
  await expect(page.getByTestId('link-notice')).toBeVisible();
  await expect(page.getByTestId('train')).toBeEnabled();
});

test('a classroom link hides the controls and shows the classroom view', async ({ page }) => {
  await page.goto('/#v1j.e30&classroom=1&hide=1');
  await expect(page.getByTestId('classroom-badge')).toBeVisible();
  await expect(page.getByTestId('dataset-select')).toBeHidden();
  await expect(page.getByTestId('train')).toBeVisible();
});

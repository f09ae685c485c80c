// Accessibility: axe-core (WCAG 2.0/2.1 A and AA) finds nothing serious or critical on the page after load, after
// a finished run with the attack lab in view, and in classroom mode (minor and moderate findings are annotated);
// every tab stop has a name; the skip link takes the keyboard to the run controls.
import { expect, test, tinyConfig } from './fixtures';
import { describeFindings, scan } from './pages/axe';
import { isNameless, tabPressesTo, tabStops } from './pages/tabStops';
import type { Page } from '@playwright/test';

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const report = await scan(page);
  test.info().annotations.push({ type: `axe minor/moderate (${where})`, description: describeFindings(report.minor) });
  expect(report.blocking, `serious/critical axe violations ${where}`).toEqual([]);
}

/** Every tab stop of the page has a name (recharts' chart surfaces were nameless stops). */
async function expectNamedTabStops(page: Page, where: string): Promise<void> {
  const stops = await tabStops(page);
  test.info().annotations.push({ type: `tab stops (${where})`, description: `${stops.length}` });
  expect(stops.filter(isNameless), `nameless tab stops ${where}`).toEqual([]);
}

test('the page after load has no serious accessibility violations and no nameless tab stop', async ({
  app,
  run,
  page,
}) => {
  await app.open();
  await expect(run.trainButton).toBeEnabled();
  await expectNoSeriousViolations(page, 'after load');
  const toTrain = await tabPressesTo(page, 'train');
  test.info().annotations.push({ type: 'tab presses to Train', description: String(toTrain) });
  await expectNamedTabStops(page, 'after load');
});

test('a finished run with the attack lab open has no serious accessibility violations and no nameless tab stop', async ({
  app,
  lab,
  results,
  page,
}) => {
  await app.open();
  await app.runToDone(tinyConfig());
  await expect.poll(() => results.lossLines.count()).toBeGreaterThanOrEqual(5);
  await lab.show();
  await expectNoSeriousViolations(page, 'after a run');
  await expectNamedTabStops(page, 'after a run');
});

test('classroom mode has no serious accessibility violations', async ({ app, run, page }) => {
  await app.goto('/#v1j.e30&classroom=1');
  await expect(page.locator('html')).toHaveClass(/classroom/);
  await expect(run.trainButton).toBeEnabled();
  await expectNoSeriousViolations(page, 'classroom mode');
});

test('the skip link is the first tab stop, shown on focus, and jumps to the run controls', async ({
  app,
  run,
  share,
  page,
}) => {
  await app.open();
  await expect(run.trainButton).toBeEnabled();
  const hash = share.hash();
  await expect(run.skipLink).not.toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(run.skipLink).toBeFocused();
  await expect(run.skipLink).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(run.section).toBeFocused();
  expect(share.hash()).toBe(hash); // the share link in the address bar is untouched
  // The next Tab from the run controls reaches Train: two presses instead of one per header and form control.
  await page.keyboard.press('Tab');
  await expect(run.trainButton).toBeFocused();
});

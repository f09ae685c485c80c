// Page object: the page's tab stops as a keyboard user meets them, each with its role and accessible name.
import type { Page } from '@playwright/test';

/** What elements Tab stops at (disabled, hidden and tabindex="-1" ones are filtered out in the page). */
const TABBABLE =
  'a[href], button, input, select, textarea, summary, iframe, [contenteditable=""], [contenteditable="true"], [tabindex]';

/** How many Tab presses from the top of the page reach the element with `data-testid=testId` (max if never). */
export async function tabPressesTo(page: Page, testId: string, max = 200): Promise<number> {
  // Start from the top: a click on the page's margin moves the starting point of Tab there.
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    window.scrollTo(0, 0);
  });
  await page.mouse.click(2, 2);
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => (document.activeElement as HTMLElement | null)?.dataset.testid === id, testId)) {
      return i;
    }
  }
  return max;
}

/** Every tab stop on the page as the first line of its ARIA snapshot: `- button "Copy link"`. */
export async function tabStops(page: Page): Promise<string[]> {
  const n = await page.evaluate((selector) => {
    const stops = [...document.querySelectorAll<HTMLElement>(selector)].filter(
      (el) =>
        el.tabIndex >= 0 &&
        !(el as HTMLButtonElement).disabled &&
        !(el instanceof HTMLInputElement && el.type === 'hidden') &&
        el.checkVisibility({ visibilityProperty: true }),
    );
    stops.forEach((el, i) => el.setAttribute('data-tab-stop', String(i)));
    return stops.length;
  }, TABBABLE);
  const lines = await Promise.all(
    Array.from({ length: n }, (_, i) => page.locator(`[data-tab-stop="${i}"]`).ariaSnapshot()),
  );
  await page.evaluate(() =>
    document.querySelectorAll('[data-tab-stop]').forEach((el) => el.removeAttribute('data-tab-stop')),
  );
  return lines.map((l) => l.split('\n')[0]);
}

/** A stop a screen reader would announce without a name (a <summary> shows as `- text: …`, its name). */
export const isNameless = (aria: string) => !/"[^"]+"|^- text: \S/.test(aria);

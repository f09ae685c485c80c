// Page object: where things are on the first screen (no scrolling) and whether the page overflows sideways.
import type { Locator, Page } from '@playwright/test';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The element's box in the viewport at scroll 0 (null when it is not rendered). */
export async function boxAtTop(page: Page, el: Locator): Promise<Box | null> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return el.boundingBox();
}

/** Whole inside the first screen. */
export async function onFirstScreen(page: Page, el: Locator): Promise<boolean> {
  const v = page.viewportSize()!;
  const b = await boxAtTop(page, el);
  return !!b && b.width > 0 && b.y >= 0 && b.x >= 0 && b.y + b.height <= v.height && b.x + b.width <= v.width;
}

/** At least `px` of its top inside the first screen (for charts taller than what is left of it). */
export async function topOnFirstScreen(page: Page, el: Locator, px: number): Promise<boolean> {
  const v = page.viewportSize()!;
  const b = await boxAtTop(page, el);
  return !!b && b.y >= 0 && b.y + Math.min(px, b.height) <= v.height;
}

/** Content wider than the viewport (a horizontal scroll bar). */
export async function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

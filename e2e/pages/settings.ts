// The Settings column's collapsible sections (Data, Training, Study, Optimizer, Architectures, Compute): a test
// opens the one it works in, as a user would.
import { expect, type Page } from '@playwright/test';

export type SectionName = 'data' | 'training' | 'study' | 'optimizer' | 'models' | 'compute';

export async function openSection(page: Page, name: SectionName): Promise<void> {
  const section = page.locator(`details[data-section="${name}"]`);
  if ((await section.getAttribute('open')) === null) await section.locator('> summary').click();
  await expect(section).toHaveAttribute('open', '');
}

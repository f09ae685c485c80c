// Page object: sharing (the link in the address bar, Copy link, the notice for repaired links, classroom view).
import type { Locator, Page } from '@playwright/test';

export class Share {
  readonly copyStatus: Locator;
  readonly linkNotice: Locator;
  /** The Start button of a link that asked to autostart but needed repair. */
  readonly heldStart: Locator;
  readonly classroomBadge: Locator;
  private readonly copyButton: Locator;

  constructor(readonly page: Page) {
    this.copyStatus = page.getByTestId('copy-link-status');
    this.linkNotice = page.getByTestId('link-notice');
    this.heldStart = page.getByTestId('link-start');
    this.classroomBadge = page.getByTestId('classroom-badge');
    this.copyButton = page.getByTestId('copy-link');
  }

  /** The config part of the link in the address bar. */
  hash(): string {
    return new URL(this.page.url()).hash;
  }

  async copyLink(): Promise<void> {
    await this.copyButton.click();
  }

  async clipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** What a hostile link's script would have set on the window, had it run. */
  async xssMarker(): Promise<number | undefined> {
    return this.page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
  }

  async dismissNotice(): Promise<void> {
    await this.linkNotice.getByRole('button').first().click();
  }
}

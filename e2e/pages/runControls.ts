// Page object: the run controls (train, status, step mode, resume after a reload), the backend badge, and the skip
// link that jumps to them.
import { expect, type Locator, type Page } from '@playwright/test';

export class RunControls {
  readonly section: Locator;
  /** "Skip to run controls", the page's first tab stop. */
  readonly skipLink: Locator;
  readonly status: Locator;
  readonly badge: Locator;
  readonly trainButton: Locator;
  readonly stopButton: Locator;
  readonly progress: Locator;
  readonly error: Locator;
  readonly resumeBanner: Locator;
  /** "A run is training in another tab of this browser." */
  readonly runsElsewhere: Locator;
  private readonly stepMode: Locator;
  private readonly resumeButton: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Run controls' });
    this.skipLink = page.getByRole('link', { name: 'Skip to run controls' });
    this.status = page.getByTestId('run-status');
    this.badge = page.getByTestId('backend-badge');
    this.trainButton = page.getByTestId('train');
    this.stopButton = page.getByTestId('stop');
    this.progress = page.getByTestId('progress');
    this.error = page.getByTestId('run-error');
    this.resumeBanner = page.getByTestId('resume-banner');
    this.runsElsewhere = page.getByTestId('runs-elsewhere');
    this.stepMode = page.getByTestId('step-mode');
    this.resumeButton = page.getByTestId('resume');
  }

  async train(): Promise<void> {
    await this.trainButton.click();
  }

  /** While paused: one batch, then paused again. */
  async stepOnce(): Promise<void> {
    await this.page.getByTestId('step-once').click();
  }

  /** Slow motion: 0 (full speed), 250 or 1000 ms before each step. */
  async setSpeed(ms: 0 | 250 | 1000): Promise<void> {
    await this.page.getByTestId('step-speed').selectOption(String(ms));
  }

  /**
   * Starts logging, in the page, each new text of the progress line with its time (performance.now()). Intervals
   * taken from this log are the app's own: ones timed around Playwright's polling expectations are off by up to a
   * poll interval (100 ms to 1 s), which under CI load made a 1-second slow-motion step look 276 ms long.
   */
  async recordProgress(): Promise<() => Promise<{ text: string; t: number }[]>> {
    await this.page.evaluate(() => {
      const log: { text: string; t: number }[] = [];
      (window as unknown as { __progressLog: typeof log }).__progressLog = log;
      const note = () => {
        const text = document.querySelector('[data-testid="progress"]')?.textContent ?? '';
        if (log.at(-1)?.text !== text) log.push({ text, t: performance.now() });
      };
      note();
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    return () =>
      this.page.evaluate(() => (window as unknown as { __progressLog: { text: string; t: number }[] }).__progressLog);
  }

  async stop(): Promise<void> {
    await this.stopButton.click();
  }

  async waitForStatus(status: string, timeout = 150_000): Promise<void> {
    await expect(this.status).toHaveText(status, { timeout });
  }

  async trainToDone(): Promise<void> {
    await this.train();
    await this.waitForStatus('done');
  }

  /** Step mode pauses after each epoch. */
  async setStepMode(on: boolean): Promise<void> {
    await this.stepMode.setChecked(on);
  }

  /** A step-mode run: continue after each epoch until it is done. */
  async stepToDone(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const s = await this.status.textContent();
      if (s === 'done') break;
      if (s === 'paused') await this.resumeButton.click();
      await this.page.waitForTimeout(200);
    }
    await this.waitForStatus('done');
  }

  /** A step-mode run: continue after each pause until `reached` holds (checked between pauses). */
  async stepUntil(reached: () => Promise<boolean>, timeout = 150_000): Promise<void> {
    const t0 = Date.now();
    while (!(await reached())) {
      if (Date.now() - t0 > timeout) throw new Error('stepUntil: not reached in time');
      if ((await this.status.textContent()) === 'paused') await this.resumeButton.click();
      await this.page.waitForTimeout(200);
    }
  }

  /** Applies nothing: starts the current config in step mode and waits for the pause after epoch 1. */
  async trainToFirstPause(): Promise<void> {
    await this.setStepMode(true);
    await this.train();
    await this.waitForStatus('paused');
  }

  /** After a reload killed a run: the banner's resume button. */
  async resumeInterrupted(): Promise<void> {
    await this.resumeBanner.getByTestId('resume-run').click();
  }
}

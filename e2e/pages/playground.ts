// Page object: what a user sees and does in the playground.
import { expect, type Locator, type Page } from '@playwright/test';

/** A tiny config that trains in seconds on a software renderer. */
export function tinyConfig(over: Record<string, unknown> = {}) {
  return {
    seed: 1,
    backend: 'auto',
    data: { dataset: 'synthetic', trainSize: 128, testSize: 64, size: 8, channels: 1 },
    teacher: { model: { family: 'cnn', channels: [4, 8], hidden: 16, dropout: 0.3 }, epochs: 2 },
    student: { model: { family: 'cnn', channels: [4, 4], hidden: 8, dropout: 0 }, epochs: 2 },
    students: [
      { method: 'student-alone' },
      { method: 'hinton-kd' },
      { method: 'fickle-teacher' },
      { method: 'soft-randomization', sigma: 0.2 },
    ],
    optimizer: { type: 'adam', lr: 0.01, weightDecay: 0 },
    schedule: 'cosine',
    batchSize: 32,
    ...over,
  };
}

export class Playground {
  readonly status: Locator;
  readonly badge: Locator;
  readonly configErrors: Locator;
  readonly runError: Locator;
  readonly resultRows: Locator;
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    this.status = page.getByTestId('run-status');
    this.badge = page.getByTestId('backend-badge');
    this.configErrors = page.getByTestId('config-errors');
    this.runError = page.getByTestId('run-error');
    this.resultRows = page.getByTestId('result-row');
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  async applyJson(config: unknown): Promise<void> {
    const json = this.page.getByTestId('config-json');
    if (!(await json.isVisible())) await this.page.locator('details:has([data-testid=config-json]) > summary').click();
    await json.fill(typeof config === 'string' ? config : JSON.stringify(config, null, 2));
    await this.page.getByTestId('config-json-apply').click();
  }

  async train(): Promise<void> {
    await this.page.getByTestId('train').click();
  }

  async waitForStatus(status: string, timeout = 150_000): Promise<void> {
    await expect(this.status).toHaveText(status, { timeout });
  }
}

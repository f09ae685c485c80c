// Page object: the results table and the loss/accuracy charts.
import type { Locator, Page } from '@playwright/test';
import { downloadBytes } from './files';

export class Results {
  readonly rows: Locator;
  readonly table: Locator;
  /** One curve per model in each chart. */
  readonly lossLines: Locator;
  readonly accLines: Locator;
  private readonly lossChart: Locator;

  constructor(page: Page) {
    this.rows = page.getByTestId('result-row');
    this.table = page.getByTestId('results-table');
    this.lossChart = page.getByTestId('loss-chart');
    this.lossLines = this.lossChart.locator('.recharts-line');
    this.accLines = page.getByTestId('acc-chart').locator('.recharts-line');
  }

  /** The loss chart saved as a PNG (for slides). */
  async lossChartPng(): Promise<Buffer> {
    return downloadBytes(this.lossChart.getByRole('button', { name: /PNG/ }));
  }
}

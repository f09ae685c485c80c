// Page object: the results table and the loss/accuracy charts.
import type { Locator, Page } from '@playwright/test';
import { downloadBytes } from './files';

export class Results {
  readonly rows: Locator;
  readonly table: Locator;
  /** One curve per model in each chart. */
  readonly lossLines: Locator;
  readonly accLines: Locator;
  /** What the loss chart shows: clean cross-entropy (default) or the training objective per step. */
  readonly lossView: Locator;
  readonly lossNote: Locator;
  /** The loss chart as assistive technology gets it: one image named by its summary. */
  readonly lossImage: Locator;
  /** The hover read-out box (one at a time, on the page's body). */
  readonly tooltip: Locator;
  private readonly lossChart: Locator;

  constructor(page: Page) {
    this.rows = page.getByTestId('result-row');
    this.table = page.getByTestId('results-table');
    this.lossChart = page.getByTestId('loss-chart');
    this.lossLines = this.lossChart.locator('.recharts-line');
    this.accLines = page.getByTestId('acc-chart').locator('.recharts-line');
    this.lossView = this.lossChart.getByRole('combobox', { name: /^Show/ });
    this.lossNote = this.lossChart.getByTestId('loss-note');
    this.lossImage = this.lossChart.getByRole('img', { name: /^Loss chart/ });
    this.tooltip = page.locator('.chart-tooltip-float');
  }

  /** The loss chart's curves of one kind (clean-train-loss, train-loss, test-loss): one per model. */
  lossCurves(kind: string): Locator {
    return this.lossChart.locator(`.curve-${kind}`);
  }

  /** Hovers the loss chart's plot area near its right edge (the last epoch). */
  async hoverLossEnd(): Promise<void> {
    const plot = this.lossChart.locator('.hover-layer rect');
    await plot.scrollIntoViewIfNeeded();
    const box = await plot.boundingBox();
    if (!box) throw new Error('the loss chart has no plot area');
    await plot.hover({ position: { x: box.width - 2, y: box.height / 2 } });
  }

  /** The loss chart saved as a PNG (for slides). */
  async lossChartPng(): Promise<Buffer> {
    return downloadBytes(this.lossChart.getByRole('button', { name: /PNG/ }));
  }
}

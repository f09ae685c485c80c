// Page object: the attack lab (PGD gallery, robustness sweep over ε, CSV export, attack source).
import type { Locator, Page } from '@playwright/test';
import { downloadText } from './files';

export class AttackLab {
  readonly panel: Locator;
  readonly galleryItems: Locator;
  readonly sweepTable: Locator;
  /** One curve per model. */
  readonly robustLines: Locator;
  readonly source: Locator;

  constructor(page: Page) {
    this.panel = page.getByTestId('attack-panel');
    this.galleryItems = this.panel.getByTestId('gallery-item');
    this.sweepTable = this.panel.getByTestId('sweep-table');
    this.robustLines = this.panel.getByTestId('robust-chart').locator('.recharts-line');
    this.source = page.getByTestId('attack-source');
  }

  async show(): Promise<void> {
    await this.panel.scrollIntoViewIfNeeded();
  }

  async craftGallery(): Promise<void> {
    await this.panel.getByTestId('craft-gallery').click();
  }

  /** A gallery item's rows, one per model. */
  modelRows(item: Locator): Locator {
    return item.getByTestId('gallery-model-row');
  }

  async runSweep(): Promise<void> {
    await this.panel.getByTestId('run-sweep').click();
  }

  /** How many ε points a robustness curve has. */
  async pointCount(line: Locator): Promise<number> {
    return line.locator('.recharts-line-dot, circle').count();
  }

  /** The exported CSV, as lines. */
  async exportCsv(): Promise<string[]> {
    return (await downloadText(this.panel.getByTestId('export-csv'))).trim().split('\n');
  }
}

// Page object: the data panel (data set choice, file import, prepared-shard download, summary, cache).
import type { Locator, Page } from '@playwright/test';
import { openSection } from './settings';

export class DataPanel {
  readonly select: Locator;
  readonly summary: Locator;
  readonly sampleGrid: Locator;
  readonly classCounts: Locator;
  readonly error: Locator;
  readonly progress: Locator;
  readonly cached: Locator;
  private readonly fileInput: Locator;

  constructor(readonly page: Page) {
    this.select = page.getByTestId('dataset-select');
    this.summary = page.getByTestId('data-summary');
    this.sampleGrid = page.getByTestId('sample-grid');
    this.classCounts = page.getByTestId('class-counts');
    this.error = page.getByTestId('data-error');
    this.progress = page.getByTestId('data-progress');
    this.cached = page.getByTestId('cached-data');
    this.fileInput = page.getByTestId('data-file-input');
  }

  /** Opens the Data section of Settings (closed on a fresh page). */
  async show(): Promise<void> {
    await openSection(this.page, 'data');
  }

  /** Official data files through the file picker. */
  async importFiles(files: string | string[]): Promise<void> {
    await this.fileInput.setInputFiles(files);
  }

  async choose(dataset: string): Promise<void> {
    await this.show();
    await this.select.selectOption(dataset);
  }

  /** Clears the data cache, accepting the confirmation. */
  async clearCache(): Promise<void> {
    await this.show();
    this.page.once('dialog', (d) => d.accept());
    await this.page.locator('[data-testid=cached-data] > summary').click();
    await this.page.getByTestId('clear-all-data').click();
  }

  /**
   * Records every prepared-shard request (the array fills as they come), each slowed by `delayMs` so progress
   * is seen, as on a real network.
   */
  async watchShards(delayMs: number): Promise<string[]> {
    const shard = /\/data\/cifar-10\//;
    const requests: string[] = [];
    this.page.on('request', (r) => {
      if (shard.test(r.url())) requests.push(r.url());
    });
    await this.page.route(shard, async (route) => {
      await new Promise((r) => setTimeout(r, delayMs));
      await route.continue();
    });
    return requests;
  }
}

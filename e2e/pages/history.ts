// Page object: what persists across sessions: run history, run export/import, model files out and in.
import type { Download, Locator, Page } from '@playwright/test';
import { download, downloadText } from './files';

export interface ExportedRun {
  results: {
    id: string;
    testAcc: number;
    testLoss: number;
    trainLoss: number;
    history: { trainLoss: number; testLoss: number }[];
  }[];
}

export class History {
  readonly rows: Locator;
  private readonly panel: Locator;
  private readonly importInput: Locator;
  private readonly exportButton: Locator;
  private readonly modelButtons: Locator;
  private readonly modelInput: Locator;

  constructor(page: Page) {
    this.rows = page.getByTestId('history-row');
    this.panel = page.getByTestId('run-history');
    this.importInput = page.getByTestId('history-import');
    this.exportButton = page.getByTestId('export-run');
    this.modelButtons = page.getByTestId('download-model');
    this.modelInput = page.getByTestId('import-model-input');
  }

  async open(): Promise<void> {
    await this.panel.locator('summary').click();
  }

  /** Imports an exported run file into the history. */
  async importRun(name: string, text: string): Promise<void> {
    await this.importInput.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  /** The current run's export: its text and the run it holds. */
  async exportRun(): Promise<{ text: string; run: ExportedRun }> {
    const text = await downloadText(this.exportButton); // read now: the file goes with its context
    const json = JSON.parse(text);
    return { text, run: json.record ?? json };
  }

  /** The first trained model as a .kdnpm file. */
  async downloadModel(): Promise<Download> {
    return download(this.modelButtons.first());
  }

  /** Imports model files into the attack lab. */
  async importModel(file: { name: string; buffer: Buffer }): Promise<void> {
    await this.modelInput.setInputFiles({ ...file, mimeType: 'application/octet-stream' });
  }
}

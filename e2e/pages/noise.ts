// Page object: the noise panel (toggle, the model in training, clean and noisy image, soft-target bars, a fickle
// teacher's spread, flipped labels) and the live prediction grid.
import type { Locator, Page } from '@playwright/test';

export class NoiseLab {
  readonly panel: Locator;
  readonly toggle: Locator;
  readonly model: Locator;
  readonly clean: Locator;
  readonly noisy: Locator;
  readonly targets: Locator;
  readonly spread: Locator;
  readonly spreadRanges: Locator;
  readonly flipCount: Locator;
  readonly grid: Locator;
  readonly gridEpoch: Locator;
  readonly gridRows: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('noise-panel');
    this.toggle = page.getByTestId('noise-toggle');
    this.model = page.getByTestId('noise-model');
    this.clean = page.getByTestId('noise-clean');
    this.noisy = page.getByTestId('noise-noisy');
    this.targets = page.getByTestId('noise-targets');
    this.spread = page.getByTestId('noise-spread');
    this.spreadRanges = this.spread.getByTestId('noise-bar-range');
    this.flipCount = page.getByTestId('noise-flip-count');
    this.grid = page.getByTestId('prediction-grid');
    this.gridEpoch = page.getByTestId('prediction-epoch');
    this.gridRows = page.getByTestId('prediction-row');
  }

  async open(): Promise<void> {
    if ((await this.toggle.getAttribute('aria-expanded')) !== 'true') await this.toggle.click();
  }

  /** How many pixels of the noisy image differ from the clean one (read back from the two canvases). */
  async changedPixels(): Promise<number> {
    const pixels = (l: Locator) =>
      l.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data));
    const [a, b] = [await pixels(this.clean), await pixels(this.noisy)];
    return a.filter((v, i) => v !== b[i]).length;
  }

  /** The model the panel shows now (its label and where it is), as text. */
  async modelText(): Promise<string> {
    return (await this.model.count()) ? ((await this.model.textContent()) ?? '') : '';
  }
}

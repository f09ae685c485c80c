// Page object: the config editor (the JSON editor a user pastes into, its validation errors, the student cards).
import type { Locator, Page } from '@playwright/test';

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
    // PGD after training on a few images with a few steps: seconds, not minutes, on a software renderer.
    attack: { eps: 0.1, stepSize: 0.05, steps: 3, subset: 32 },
    ...over,
  };
}

export class ConfigEditor {
  readonly json: Locator;
  readonly errors: Locator;
  readonly studentCards: Locator;
  private readonly applyButton: Locator;
  private readonly jsonToggle: Locator;

  constructor(page: Page) {
    this.json = page.getByTestId('config-json');
    this.errors = page.getByTestId('config-errors');
    this.studentCards = page.getByTestId('student-card');
    this.applyButton = page.getByTestId('config-json-apply');
    this.jsonToggle = page.locator('details:has([data-testid=config-json]) > summary');
  }

  /** Opens the collapsed JSON editor. */
  async showJson(): Promise<void> {
    if (!(await this.json.isVisible())) await this.jsonToggle.click();
  }

  /** Pastes a config (an object, or raw text) into the JSON editor and applies it. */
  async apply(config: unknown): Promise<void> {
    await this.showJson();
    await this.json.fill(typeof config === 'string' ? config : JSON.stringify(config, null, 2));
    await this.applyButton.click();
  }

  /** The config the editor shows. */
  async read(): Promise<unknown> {
    await this.showJson();
    return JSON.parse(await this.json.inputValue());
  }
}

// Page object: study mode — the study controls in the form, the study's progress, the claims, the charts across
// seeds and the study's exports.
import type { Locator, Page } from '@playwright/test';
import { downloadText } from './files';
import { openSection } from './settings';

export class Study {
  /** Seeds text ("3", "1,2,3", "1-5"), sweep parameter select and values text, PGD-after-training checkbox. */
  readonly seeds: Locator;
  readonly sweepParam: Locator;
  readonly sweepValues: Locator;
  readonly afterRun: Locator;
  /** "3 seeds × 2 σ values = 6 runs …" */
  readonly size: Locator;
  readonly progress: Locator;
  /** "Seed 2 of 3" / "σ = 0.1 · seed 2 of 3 · cell 5 of 15". */
  readonly cellLine: Locator;
  readonly robustProgress: Locator;
  readonly eta: Locator;
  readonly claimsPanel: Locator;
  /** One per claim: data-claim (id) and data-verdict (holds, not-seen, opposite, too-few, untested, mixed). */
  readonly claims: Locator;
  /** The results table's sweep value select. */
  readonly value: Locator;
  readonly curvesChart: Locator;
  readonly showEachSeed: Locator;

  constructor(readonly page: Page) {
    this.seeds = page.getByTestId('study-seeds');
    this.sweepParam = page.getByTestId('study-sweep-param');
    this.sweepValues = page.getByTestId('study-sweep-values');
    this.afterRun = page.getByTestId('study-after-run');
    this.size = page.getByTestId('study-size');
    this.progress = page.getByTestId('study-progress');
    this.cellLine = page.getByTestId('study-cell');
    this.robustProgress = page.getByTestId('robust-progress');
    this.eta = page.getByTestId('study-eta');
    this.claimsPanel = page.getByTestId('claims-panel');
    this.claims = page.getByTestId('claim');
    this.value = page.getByTestId('study-value');
    this.curvesChart = page.getByTestId('seed-curves-chart');
    this.showEachSeed = page.getByTestId('show-each-seed');
  }
  /** Opens the Study section of Settings, where the seeds and sweep controls are. */
  async showControls(): Promise<void> {
    await openSection(this.page, 'study');
  }

  /** In a results row: the reference a Δ is against ("vs S1: Hinton KD"). */
  referenceOf(row: Locator): Locator {
    return row.locator('.delta-vs');
  }

  claim(id: 'fickle-clean' | 'softrand-pgd' | 'messy-pgd'): Locator {
    return this.page.locator(`[data-testid=claim][data-claim="${id}"]`);
  }

  perSeedCsv(): Promise<string> {
    return downloadText(this.page.getByTestId('study-per-seed-csv'));
  }

  summaryCsv(): Promise<string> {
    return downloadText(this.page.getByTestId('study-summary-csv'));
  }

  async studyJson(): Promise<unknown> {
    return JSON.parse(await downloadText(this.page.getByTestId('study-json')));
  }
}

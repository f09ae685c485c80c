// Page object for the whole playground: one page object per area, plus what spans them (opening, reloading,
// notices, errors thrown in the page, a tiny run from config to done).
import { expect, type Locator, type Page } from '@playwright/test';
import { ConfigEditor } from './config';
import { DataPanel } from './data';
import { History } from './history';
import { AttackLab } from './lab';
import { Results } from './results';
import { RunControls } from './runControls';
import { Share } from './share';
import { Study } from './study';

export class Playground {
  readonly config: ConfigEditor;
  readonly run: RunControls;
  readonly results: Results;
  readonly data: DataPanel;
  readonly lab: AttackLab;
  readonly share: Share;
  readonly history: History;
  readonly study: Study;
  readonly notices: Locator;
  readonly pageErrors: string[] = [];
  private readonly heading: Locator;

  constructor(readonly page: Page) {
    this.config = new ConfigEditor(page);
    this.run = new RunControls(page);
    this.results = new Results(page);
    this.data = new DataPanel(page);
    this.lab = new AttackLab(page);
    this.share = new Share(page);
    this.history = new History(page);
    this.study = new Study(page);
    this.notices = page.getByTestId('notices');
    this.heading = page.getByRole('heading', { level: 1 });
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
  }

  /** Opens the app (or a link into it) and waits until it has rendered. */
  async open(url = '/'): Promise<void> {
    await this.page.goto(url);
    await expect(this.heading).toBeVisible();
  }

  /** Navigates without waiting for the app: for links that may not render it. */
  async goto(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  /** Applies a config, trains, and waits for the run to be done. */
  async runToDone(config: unknown): Promise<void> {
    await this.config.apply(config);
    await this.run.trainToDone();
  }

  /** Pretends this origin's storage quota is `bytes`. */
  async setStorageQuota(bytes: number): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(this.page.url()).origin, quotaSize: bytes });
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }

  /** Another tab of the same browser context (shared IndexedDB and Web Locks), not yet opened. */
  async newTab(): Promise<Playground> {
    return new Playground(await this.page.context().newPage());
  }

  /** Closes this tab only: its worker dies with it, as when a user closes a tab mid-run. */
  async closeTab(): Promise<void> {
    await this.page.close({ runBeforeUnload: false });
  }

  /** Closes this playground's browser context (its own IndexedDB, clipboard, worker). */
  async close(): Promise<void> {
    await this.page.context().close();
  }
}

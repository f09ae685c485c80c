// The e2e test API: `test` with one page object per area of the playground as fixtures, and `expect`.
// Single-page tests take the areas they use; tests across browser contexts (own IndexedDB, own clipboard)
// open each with `newPlayground`, closed at the end of the test.
import { test as base, type BrowserContext, type BrowserContextOptions } from '@playwright/test';
import type { ConfigEditor } from './pages/config';
import type { DataPanel } from './pages/data';
import type { History } from './pages/history';
import type { AttackLab } from './pages/lab';
import { Playground } from './pages/playground';
import type { Results } from './pages/results';
import type { RunControls } from './pages/runControls';
import type { Share } from './pages/share';
import type { Study } from './pages/study';

export { expect } from '@playwright/test';
export { tinyConfig } from './pages/config';
export type { Playground } from './pages/playground';

interface Fixtures {
  app: Playground;
  config: ConfigEditor;
  run: RunControls;
  results: Results;
  data: DataPanel;
  lab: AttackLab;
  share: Share;
  history: History;
  study: Study;
  /** A playground in a fresh browser context. */
  newPlayground: (options?: BrowserContextOptions) => Promise<Playground>;
}

export const test = base.extend<Fixtures>({
  app: async ({ page }, use) => use(new Playground(page)),
  config: async ({ app }, use) => use(app.config),
  run: async ({ app }, use) => use(app.run),
  results: async ({ app }, use) => use(app.results),
  data: async ({ app }, use) => use(app.data),
  lab: async ({ app }, use) => use(app.lab),
  share: async ({ app }, use) => use(app.share),
  history: async ({ app }, use) => use(app.history),
  study: async ({ app }, use) => use(app.study),
  newPlayground: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      return new Playground(await context.newPage());
    });
    for (const c of contexts) await c.close();
  },
});

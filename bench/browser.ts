// Browser half of `npm run bench`: img/s per backend in the real worker (headless Chromium), and
// main-thread long tasks (> 50 ms) while the full app trains with live charts.
import { chromium, type Browser } from '@playwright/test';
import { resolve } from 'node:path';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { CHROMIUM_ARGS, requireChromium } from '../e2e/chromium';
import type { EpochMetrics } from '../src/core/train/events';
import type { BackendInfo, WorkerEvent } from '../src/worker/protocol';

export interface BrowserBackendResult {
  requested: string;
  backend?: BackendInfo;
  imgPerSec?: number; // best epoch after the first (shader compilation excluded)
  /** PGD-20 attacked images per second on the trained student. */
  pgdImgPerSec?: number;
  error?: string;
}

export interface DataLoadResult {
  file: string;
  /** Read + gunzip + untar + parse + cache write, in a fresh worker. */
  importMs: number;
  /** From IndexedDB, in a fresh worker. */
  cacheMs: number;
  residentBytes: number;
  summary: string;
  error?: string;
}

export interface LongTaskResult {
  backend: string;
  count: number;
  longestMs: number;
  runSeconds: number;
  /** Each long task: when it began (s after Train) and how long it took (ms), with the run's status then. */
  tasks: { at: number; ms: number; status: string }[];
  /** The noise panel was open (the prediction grid always is), with a student per noise source. */
  noisePanel: boolean;
  /** Noise views and prediction grids the page received during the run. */
  noiseViews: number;
  predictionGrids: number;
}

const benchConfig = (backend: string, trainSize: number, epochs: number) => ({
  seed: 1,
  backend,
  data: { dataset: 'mnist-10k', trainSize, testSize: 200 },
  teacher: { model: { family: 'cnn', channels: [32, 64], hidden: 256, dropout: 0.4 }, epochs: 1 },
  student: { model: { family: 'cnn', channels: [16, 32], hidden: 64, dropout: 0 }, epochs },
  students: [{ method: 'student-alone' }],
  optimizer: { type: 'adam', lr: 0.002 },
  batchSize: 64,
});

/** The production build (what users get), with the benchmark page added; or the dev server with --dev. */
async function startServer(dev: boolean): Promise<ViteDevServer | PreviewServer> {
  if (dev) {
    const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
    await server.listen();
    return server;
  }
  const outDir = resolve('.bench/dist');
  await build({
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: { main: resolve('index.html'), bench: resolve('bench/browser.html') } },
    },
  });
  return preview({ preview: { port: 0, host: '127.0.0.1' }, build: { outDir }, logLevel: 'error' });
}

export async function benchBrowser(
  opts: {
    dev?: boolean;
    longTasksOnly?: boolean;
    dataFile?: string;
    noisePanel?: boolean;
    /** The per-backend training runs to make (default all four). */
    backends?: string[];
    /** Skip the long-task run. */
    noLongTasks?: boolean;
  } = {},
): Promise<{
  backends: BrowserBackendResult[];
  longTasks: LongTaskResult | null;
  data: DataLoadResult | null;
}> {
  const server = await startServer(!!opts.dev);
  const url = server.resolvedUrls!.local[0];
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
    const backends: BrowserBackendResult[] = [];
    const sizes: Record<string, [number, number]> = {
      webgpu: [640, 2],
      webgl: [1280, 2],
      wasm: [4096, 2],
      cpu: [640, 2],
    };
    for (const requested of opts.longTasksOnly ? [] : (opts.backends ?? ['webgpu', 'webgl', 'wasm', 'cpu'])) {
      const page = await browser.newPage();
      try {
        await page.goto(`${url}bench/browser.html`);
        const [n, epochs] = sizes[requested];
        const cfg = benchConfig(requested, n, epochs);
        const events = (await page.evaluate((c) => window.runBench(c, 0.1), cfg)) as WorkerEvent[];
        const sweep = events.find((e) => e.type === 'attack-sweep') as
          Extract<WorkerEvent, { type: 'attack-sweep' }> | undefined;
        const ready = events.find((e) => e.type === 'ready') as Extract<WorkerEvent, { type: 'ready' }> | undefined;
        const err = events.find((e) => e.type === 'error' || e.type === 'invalid' || e.type === 'attack-error');
        const epochsM = events.filter((e) => e.type === 'epoch').map((e) => (e as { metrics: EpochMetrics }).metrics);
        const later = epochsM.slice(1).map((m) => m.imgPerSec);
        backends.push({
          requested,
          backend: ready?.backend,
          imgPerSec: later.length ? Math.max(...later) : epochsM[0]?.imgPerSec,
          pgdImgPerSec: sweep?.result.imgPerSec,
          error: err ? JSON.stringify(err) : undefined,
        });
      } catch (e) {
        backends.push({ requested, error: (e as Error).message });
      } finally {
        await page.close();
      }
    }
    const data = opts.dataFile ? await measureDataLoad(browser, url, opts.dataFile) : null;
    const longTasks = opts.noLongTasks ? null : await measureLongTasks(browser, url, !!opts.noisePanel);
    return { backends, longTasks, data };
  } finally {
    await browser?.close();
    await (server as { close(): Promise<void> }).close();
  }
}

/** Import from a file, then load from the browser cache, each in a fresh worker of one page (one origin). */
async function measureDataLoad(browser: Browser, url: string, file: string): Promise<DataLoadResult> {
  const page = await browser.newPage();
  try {
    await page.goto(`${url}bench/browser.html`);
    await page.locator('#files').setInputFiles(file);
    const imp = await page.evaluate(() => window.benchDataImport());
    if (imp.event.type !== 'data-loaded') throw new Error(JSON.stringify(imp.event));
    const info = imp.event.info;
    const cached = await page.evaluate((d) => window.benchDataCache(d), info.dataset);
    if (cached.event.type !== 'data-loaded') throw new Error(JSON.stringify(cached.event));
    return { file, importMs: imp.ms, cacheMs: cached.ms, residentBytes: info.residentBytes, summary: info.summary };
  } catch (e) {
    return { file, importMs: NaN, cacheMs: NaN, residentBytes: 0, summary: '', error: (e as Error).message };
  } finally {
    await page.close();
  }
}

type LongTaskWindow = {
  __longTasks: { start: number; ms: number; status: string }[];
  __observe: boolean;
  __t0: number;
  __events: Record<string, number>;
};

/**
 * Trains in the real UI (charts, table, progress; with `noisePanel` the noise panel open and one student per noise
 * source) and counts main-thread long tasks meanwhile.
 */
async function measureLongTasks(browser: Browser, url: string, noisePanel: boolean): Promise<LongTaskResult | null> {
  const page = await browser.newPage();
  try {
    await page.addInitScript(() => {
      const w = window as unknown as LongTaskWindow;
      w.__longTasks = [];
      w.__observe = false;
      // Counts the worker's noise-view and predictions events (the app's own onmessage handler is untouched).
      w.__events = { 'noise-view': 0, predictions: 0 };
      const Base = window.Worker;
      window.Worker = class extends Base {
        constructor(...args: ConstructorParameters<typeof Worker>) {
          super(...args);
          this.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
            const t = e.data?.type ?? '';
            if (w.__observe && t in w.__events) w.__events[t]++;
          });
        }
      };
      new PerformanceObserver((list) => {
        if (!w.__observe) return;
        const status = document.querySelector('[data-testid=run-status]')?.textContent ?? '';
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, ms: e.duration, status });
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.goto(url);
    await page
      .getByTestId('backend-badge')
      .filter({ hasText: /webgpu|webgl|wasm|cpu/i })
      .waitFor({ timeout: 60_000 });
    const cfg = {
      ...benchConfig('auto', 2048, 2),
      teacher: { model: { family: 'cnn', channels: [32, 64], hidden: 256, dropout: 0.4 }, epochs: 1 },
      students: noisePanel
        ? [
            { method: 'soft-randomization', sigma: 0.2 },
            { method: 'fickle-teacher' },
            { method: 'messy-collaboration', rate: 0.2, target: 'S' },
          ]
        : [{ method: 'student-alone' }, { method: 'hinton-kd' }, { method: 'soft-randomization', sigma: 0.2 }],
    };
    const details = page.locator('details:has([data-testid=config-json]) > summary');
    if (!(await page.getByTestId('config-json').isVisible())) await details.click();
    await page.getByTestId('config-json').fill(JSON.stringify(cfg));
    await page.getByTestId('config-json-apply').click();
    if (noisePanel) await page.getByTestId('noise-toggle').click();
    await page.waitForTimeout(500); // let the UI settle before observing
    await page.evaluate(() => {
      const w = window as unknown as LongTaskWindow;
      w.__observe = true;
      w.__t0 = performance.now();
    });
    const t0 = Date.now();
    await page.getByTestId('train').click();
    await page
      .getByTestId('run-status')
      .filter({ hasText: /^(done|error|stopped)$/ })
      .waitFor({ timeout: 600_000 });
    const runSeconds = (Date.now() - t0) / 1000;
    const {
      raw,
      t: tStart,
      events,
    } = await page.evaluate(() => {
      const w = window as unknown as LongTaskWindow;
      return { raw: w.__longTasks, t: w.__t0, events: w.__events };
    });
    const tasks = raw.map((e) => ({ at: (e.start - tStart) / 1000, ms: e.ms, status: e.status }));
    const badge = (await page.getByTestId('backend-badge').locator('code').first().textContent()) ?? '';
    return {
      backend: badge.trim(),
      count: tasks.length,
      longestMs: tasks.length ? Math.max(...tasks.map((e) => e.ms)) : 0,
      runSeconds,
      tasks,
      noisePanel,
      noiseViews: events['noise-view'],
      predictionGrids: events.predictions,
    };
  } catch (e) {
    console.error(`long-task measurement failed: ${(e as Error).message}`);
    return null;
  } finally {
    await page.close();
  }
}

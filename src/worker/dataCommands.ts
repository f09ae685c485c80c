// The data commands (catalog, load, import, clear): one at a time, beside (not behind) a training run.
import type { DataSpec } from '../core/config/schema';
import { loadDataset } from '../core/data/load';
import { catalog, clearData, describe, describeLoaded, importData, isRealDataset, realData } from './data';
import type { WorkerEnv } from './env';
import type { Command, DataProgress, WorkerEvent } from './protocol';

type Post = (e: WorkerEvent) => void;
type FetchAsset = WorkerEnv['fetchAsset'];
type DataCommand = Extract<Command, { type: 'data-catalog' | 'data-load' | 'data-import' | 'data-clear' }>;

/** Data commands run one at a time, beside (not behind) a training run. */
let dataQueue: Promise<void> = Promise.resolve();
function dataTask(post: Post, id: number, dataset: string, task: () => Promise<void>): void {
  const run = () =>
    task().catch((e: Error) => post({ type: 'data-error', id, dataset, message: e.message || String(e) }));
  dataQueue = dataQueue.then(run, run);
}

async function loadForPreview(
  post: Post,
  id: number,
  spec: DataSpec,
  seed: number,
  fetchAsset: FetchAsset,
): Promise<void> {
  const t0 = performance.now();
  const sink = (progress: DataProgress) => post({ type: 'data-progress', id, progress });
  if (isRealDataset(spec.dataset)) {
    const loaded = await realData(spec.dataset, sink);
    post({ type: 'data-loaded', id, info: describeLoaded(loaded, (performance.now() - t0) / 1000) });
    return;
  }
  const d = await loadDataset(spec, seed, fetchAsset);
  const info = describe(d, {
    dataset: spec.dataset,
    name: d.name,
    summary: `${d.train.count.toLocaleString('en-US')} training images, ${d.test.count.toLocaleString('en-US')} test images`,
    warnings: [],
    origin: spec.dataset === 'synthetic' ? 'synthetic' : 'embedded',
    cacheNote: null,
    seconds: (performance.now() - t0) / 1000,
  });
  post({ type: 'data-loaded', id, info });
}

export function dataCommand(cmd: DataCommand, post: Post, fetchAsset: FetchAsset): void {
  switch (cmd.type) {
    case 'data-catalog':
      dataTask(post, cmd.id, 'catalog', async () =>
        post({ type: 'data-catalog', id: cmd.id, catalog: await catalog() }),
      );
      break;
    case 'data-load':
      dataTask(post, cmd.id, cmd.spec.dataset, () => loadForPreview(post, cmd.id, cmd.spec, cmd.seed, fetchAsset));
      break;
    case 'data-import':
      dataTask(post, cmd.id, 'import', async () => {
        const t0 = performance.now();
        const loaded = await importData(cmd.files, cmd.idxAs, (progress) =>
          post({ type: 'data-progress', id: cmd.id, progress }),
        );
        post({ type: 'data-loaded', id: cmd.id, info: describeLoaded(loaded, (performance.now() - t0) / 1000) });
        post({ type: 'data-catalog', id: cmd.id, catalog: await catalog() });
      });
      break;
    case 'data-clear':
      dataTask(post, cmd.id, cmd.dataset ?? 'all', async () => {
        await clearData(cmd.dataset);
        post({ type: 'data-catalog', id: cmd.id, catalog: await catalog() });
      });
      break;
  }
}

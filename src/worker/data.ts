// The worker's data sets: real ones come from memory, the IndexedDB cache, or the deployment's prepared shards
// (downloaded once with progress, then cached); imports are parsed here, off the UI thread. Also describes any
// loaded data set for the UI (class counts, a sample grid).
import type { DataSpec, RealDatasetName } from '../core/config/schema';
import { REAL_DATASETS } from '../core/config/schema';
import { importFiles } from '../core/data/formats';
import { loadPrepared, parseManifest, type Manifest, type ManifestDataset } from '../core/data/manifest';
import { REAL_DATASET_NAMES, residentBytes, type RealData } from '../core/data/real';
import { gather } from '../core/data/split';
import type { Split } from '../core/data/types';
import {
  deleteDataset,
  listCachedDatasets,
  loadCachedDataset,
  saveDataset,
  type CachedMeta,
} from '../storage/datasets';
import { storageFailure } from '../storage/db';
import { stallGuard } from './bounded';
import { etaThrottle } from './progress';
import type { CatalogEntry, DataCatalog, DataInfo, DataProgress } from './protocol';

export type ProgressSink = (p: DataProgress) => void;

interface Loaded {
  data: RealData;
  origin: DataInfo['origin'];
  warnings: string[];
  cacheNote: string | null;
}

const memory = new Map<RealDatasetName, Loaded>();
const MANIFEST_MS = 10_000;
const STALL_MS = 30_000;
const dataUrl = (path: string) => new URL(`${import.meta.env.BASE_URL}data/${path}`, self.location.origin);

const SHAPES: Record<RealDatasetName, [number, number, number]> = {
  mnist: [28, 28, 1],
  'fashion-mnist': [28, 28, 1],
  'cifar-10': [32, 32, 3],
};

/** The deployment's manifest, or null where none was prepared (a dev server answers with index.html). */
async function fetchManifest(): Promise<Manifest | null> {
  let res: Response;
  try {
    // Bounded: a manifest that never answers must not hold the catalog (it is optional).
    res = await fetch(dataUrl('manifest.json'), { cache: 'no-cache', signal: AbortSignal.timeout(MANIFEST_MS) });
  } catch {
    return null; // offline: the cache still works
  }
  if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return null;
  return parseManifest(await res.text());
}

export async function catalog(): Promise<DataCatalog> {
  let storageProblem: string | null = null;
  let cached: CachedMeta[] = [];
  try {
    cached = await listCachedDatasets();
  } catch (e) {
    storageProblem = storageFailure(e);
  }
  const manifest = await fetchManifest().catch(() => null);
  const entries: CatalogEntry[] = REAL_DATASETS.map((id) => {
    const c = cached.find((m) => m.id === id);
    const p = manifest?.datasets.find((d) => d.id === id);
    return {
      id,
      name: REAL_DATASET_NAMES[id],
      shape: SHAPES[id],
      cached: c ? { bytes: c.bytes, summary: c.summary, origin: c.origin, savedAt: c.savedAt } : null,
      prepared: p ? { bytes: p.totalBytes, summary: p.summary, counts: p.counts } : null,
    };
  });
  let usage: DataCatalog['usage'] = null;
  try {
    const est = await navigator.storage?.estimate?.();
    if (est?.quota) usage = { used: est.usage ?? 0, quota: est.quota };
  } catch {
    /* estimate is optional */
  }
  return { entries, storageProblem, usage };
}

function progressReporter(sink: ProgressSink, dataset: string, stage: DataProgress['stage'], label: string) {
  return etaThrottle((loaded, total, etaSeconds) => sink({ dataset, stage, loaded, total, etaSeconds, label }));
}

async function download(entry: ManifestDataset, sink: ProgressSink): Promise<RealData> {
  const report = progressReporter(sink, entry.id, 'download', `Downloading ${entry.name}`);
  let received = 0;
  report(0, entry.totalBytes, true);
  const data = await loadPrepared(entry, async (path) => {
    const expected = entry.files.find((f) => f.path === path)?.bytes ?? 0;
    // However long a shard is, a download that receives nothing for STALL_MS is aborted and says so.
    const guard = stallGuard(STALL_MS, `the download of ${path}`);
    const fail = (e: unknown): never => {
      throw guard.reason() ?? e;
    };
    try {
      const res = await fetch(dataUrl(path), { signal: guard.signal }).catch(fail);
      if (!res.ok || !res.body) throw new Error(`could not download ${path} (HTTP ${res.status})`);
      // Stream into one buffer of the size the manifest promises, reporting bytes as they arrive.
      const out = new Uint8Array(expected);
      let at = 0;
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read().catch(fail);
        guard.alive();
        if (done) break;
        if (at + value.length > out.length)
          throw new Error(`${path}: larger than the manifest says (${expected} bytes)`);
        out.set(value, at);
        at += value.length;
        received += value.length;
        report(received, entry.totalBytes);
      }
      return at === out.length ? out : out.subarray(0, at);
    } finally {
      guard.done();
    }
  });
  report(entry.totalBytes, entry.totalBytes, true);
  return data;
}

async function cache(data: RealData, origin: 'import' | 'prepared', sources: string[], sink: ProgressSink) {
  sink({
    dataset: data.id,
    stage: 'cache-write',
    loaded: 0,
    total: 0,
    etaSeconds: null,
    label: 'Saving to browser cache',
  });
  const r = await saveDataset(data, origin, sources).catch((e) => ({ ok: false as const, reason: storageFailure(e) }));
  return r.ok ? null : `Not cached: ${r.reason}. It stays loaded until this tab closes.`;
}

const pending = new Map<RealDatasetName, Promise<Loaded>>();

/** A real data set from memory, the cache, or the deployment's shards; throws with a way out when none has it. */
export function realData(id: RealDatasetName, sink: ProgressSink): Promise<Loaded> {
  const hit = memory.get(id);
  if (hit) return Promise.resolve(hit);
  // A run and the data panel may ask at once: one download, both wait for it.
  let p = pending.get(id);
  if (!p) {
    p = loadReal(id, sink).finally(() => pending.delete(id));
    pending.set(id, p);
  }
  return p;
}

async function loadReal(id: RealDatasetName, sink: ProgressSink): Promise<Loaded> {
  sink({ dataset: id, stage: 'cache-read', loaded: 0, total: 0, etaSeconds: null, label: 'Reading browser cache' });
  let stored: Awaited<ReturnType<typeof loadCachedDataset>> = null;
  let storageNote: string | null = null;
  try {
    stored = await loadCachedDataset(id);
  } catch (e) {
    storageNote = storageFailure(e);
  }
  if (stored) {
    const loaded: Loaded = { data: stored.data, origin: 'cache', warnings: [], cacheNote: null };
    memory.set(id, loaded);
    return loaded;
  }
  const entry = (await fetchManifest())?.datasets.find((d) => d.id === id);
  if (!entry) {
    throw new Error(
      `${REAL_DATASET_NAMES[id]} is not loaded: import its official files (Data → Import files), ` +
        `or have the deployment prepare it (npm run data:prepare -- --from DIR).`,
    );
  }
  const data = await download(entry, sink);
  const cacheNote = storageNote
    ? `Not cached: ${storageNote}. It stays loaded until this tab closes.`
    : await cache(
        data,
        'prepared',
        entry.files.map((f) => f.sha256),
        sink,
      );
  const loaded: Loaded = { data, origin: 'download', warnings: entry.warnings, cacheNote };
  memory.set(id, loaded);
  return loaded;
}

export async function importData(files: File[], idxAs: 'mnist' | 'fashion-mnist', sink: ProgressSink): Promise<Loaded> {
  const total = files.reduce((n, f) => n + f.size, 0);
  const label = files.length === 1 ? `Reading ${files[0].name}` : `Reading ${files.length} files`;
  const report = progressReporter(sink, 'import', 'read', label);
  let done = 0;
  const inputs = [];
  for (const f of files) {
    inputs.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    done += f.size;
    report(done, total, true);
  }
  sink({ dataset: 'import', stage: 'parse', loaded: 0, total: 0, etaSeconds: null, label: 'Unpacking and checking' });
  const data = await importFiles(inputs, { idxAs });
  const cacheNote = await cache(data, 'import', data.sources, sink);
  const loaded: Loaded = { data, origin: 'import', warnings: data.warnings, cacheNote };
  memory.set(data.id, loaded);
  return loaded;
}

export async function clearData(id: RealDatasetName | null): Promise<void> {
  const ids = id ? [id] : [...REAL_DATASETS];
  for (const d of ids) {
    memory.delete(d);
    await deleteDataset(d);
  }
}

function classCounts(split: Split, K: number): number[] {
  const out = new Array<number>(K).fill(0);
  for (const l of split.labels) out[l]++;
  return out;
}

/** The first `perClass` training images of each class, for the sample grid. */
function samples(split: Split, imageBytes: number, K: number, perClass: number): DataInfo['samples'] {
  const picked: number[] = [];
  const taken = new Array<number>(K).fill(0);
  for (let i = 0; i < split.count && picked.length < K * perClass; i++) {
    const l = split.labels[i];
    if (taken[l] < perClass) {
      taken[l]++;
      picked.push(i);
    }
  }
  picked.sort((a, b) => split.labels[a] - split.labels[b] || a - b);
  return gather(split, picked, imageBytes);
}

export type Describable = Pick<RealData, 'height' | 'width' | 'channels' | 'classNames' | 'train' | 'test'>;

export function describe(
  d: Describable,
  meta: Pick<DataInfo, 'dataset' | 'name' | 'summary' | 'warnings' | 'origin' | 'cacheNote' | 'seconds'>,
): DataInfo {
  const K = d.classNames.length;
  const imageBytes = d.height * d.width * d.channels;
  return {
    ...meta,
    shape: [d.height, d.width, d.channels],
    classNames: d.classNames,
    classCounts: { train: classCounts(d.train, K), test: classCounts(d.test, K) },
    residentBytes: residentBytes(d),
    samples: samples(d.train, imageBytes, K, 4),
  };
}

export function describeLoaded(l: Loaded, seconds: number): DataInfo {
  return describe(l.data, {
    dataset: l.data.id,
    name: REAL_DATASET_NAMES[l.data.id],
    summary: l.data.summary,
    warnings: l.warnings,
    origin: l.origin,
    cacheNote: l.cacheNote,
    seconds,
  });
}

export const isRealDataset = (d: DataSpec['dataset']): d is RealDatasetName =>
  (REAL_DATASETS as readonly string[]).includes(d);

// public/data/manifest.json lists the real data sets that `npm run data:prepare` wrote as shards (shards.ts):
// the app reads it to know what can be offered and which files to fetch. It is checked strictly because it comes
// from disk or the network: a stale or hand-edited manifest must fail with a message, not train on wrong data.
import { z } from 'zod';
import { REAL_DATASETS, type RealDatasetName } from '../config/schema';
import { decodeShard, shardByteLength, SPLITS, type Shard, type SplitName } from './shards';
import type { RealData } from './real';
import type { Split } from './types';

export const MANIFEST_FILE = 'manifest.json';
export type RealDatasetId = RealDatasetName;

const count = z.number().int().min(0);
const dim = z.number().int().min(1).max(4096);

export const manifestFile = z.object({
  /** Relative to public/data, "/"-separated, e.g. "cifar-10/train-00.bin". */
  path: z
    .string()
    .regex(/^[\w.-]+(\/[\w.-]+)*$/, 'must be a relative path inside public/data (letters, digits, . _ - and /)')
    .refine((p) => !p.split('/').some((part) => part === '.' || part === '..'), 'must not contain . or .. segments'),
  split: z.enum(SPLITS),
  start: count,
  count: count.min(1),
  bytes: count,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
});
export type ManifestFile = z.infer<typeof manifestFile>;

/** A source file as prepare saw it: lets a rerun skip work when nothing changed. */
const manifestInput = z.object({ name: z.string().min(1), bytes: count, mtimeMs: z.number().min(0) });

export const manifestDataset = z
  .object({
    id: z.enum(REAL_DATASETS),
    name: z.string().min(1),
    height: dim,
    width: dim,
    channels: z.number().int().min(1).max(4),
    classes: z.array(z.string()).min(2).max(256),
    counts: z.object({ train: count.min(1), test: count.min(1) }),
    summary: z.string(),
    /** What the shards were made from (official file names), for display. */
    source: z.array(z.string()),
    inputs: z.array(manifestInput).default([]),
    warnings: z.array(z.string()).default([]),
    files: z.array(manifestFile).min(2),
    totalBytes: count,
  })
  .superRefine((d, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    let total = 0;
    const paths = new Set<string>();
    d.files.forEach((f, i) => {
      const need = shardByteLength({ ...d, count: f.count });
      if (f.bytes !== need)
        issue(['files', i, 'bytes'], `${f.count} images of ${d.height}×${d.width}×${d.channels} need ${need} bytes`);
      if (paths.has(f.path)) issue(['files', i, 'path'], `${f.path} is listed twice`);
      paths.add(f.path);
      total += f.bytes;
    });
    if (d.totalBytes !== total) issue(['totalBytes'], `is ${d.totalBytes}, the files add up to ${total}`);
    for (const split of SPLITS) {
      const problem = coverageProblem(
        d.files.filter((f) => f.split === split),
        d.counts[split],
      );
      if (problem) issue(['files'], `${split}: ${problem}`);
    }
  });
export type ManifestDataset = z.infer<typeof manifestDataset>;

export const manifestSchema = z
  .object({ version: z.literal(1), datasets: z.array(manifestDataset) })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.datasets.forEach((d, i) => {
      if (seen.has(d.id))
        ctx.addIssue({ code: 'custom', path: ['datasets', i, 'id'], message: `${d.id} is listed twice` });
      seen.add(d.id);
    });
  });
export type Manifest = z.infer<typeof manifestSchema>;

/** Why [start, start+count) ranges do not tile 0..total-1 exactly once, or null when they do. */
function coverageProblem(ranges: { start: number; count: number }[], total: number): string | null {
  let next = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    if (r.start > next) return `images ${next}..${r.start - 1} are in no file`;
    if (r.start < next) return `images ${r.start}..${Math.min(next, r.start + r.count) - 1} are in two files`;
    next = r.start + r.count;
  }
  return next === total ? null : `files hold ${next} images, counts say ${total}`;
}

/** Typed manifest from parsed JSON (or its text); throws one Error naming each bad field. */
export function parseManifest(json: unknown, file = MANIFEST_FILE): Manifest {
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (e) {
      // A dev server answers a missing file with index.html.
      throw new Error(`${file}: not JSON (${(e as Error).message}); run npm run data:prepare`);
    }
  }
  const r = manifestSchema.safeParse(json);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  const shown = lines.length > 6 ? [...lines.slice(0, 6), `… and ${lines.length - 6} more`] : lines;
  throw new Error(`${file}: invalid manifest: ${shown.join('; ')}`);
}

/** The manifest with `entry` added or replaced, in a fixed data-set order so reruns give the same file. */
export function withDataset(manifest: Manifest | undefined, entry: ManifestDataset): Manifest {
  const others = (manifest?.datasets ?? []).filter((d) => d.id !== entry.id);
  const datasets = [...others, entry].sort((a, b) => REAL_DATASETS.indexOf(a.id) - REAL_DATASETS.indexOf(b.id));
  return { version: 1, datasets };
}

/** Lowercase hex SHA-256 via Web Crypto: the same code in browsers, workers and Node ≥ 20. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  // Browsers expose crypto.subtle only in secure contexts (https, localhost).
  if (!subtle) throw new Error('sha256: crypto.subtle is unavailable (serve the page over https or from localhost)');
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export type FileLoader = (path: string) => Promise<Uint8Array>;

export interface LoadPreparedOptions {
  /**
   * Check each file's SHA-256 against the manifest (default: when crypto.subtle exists). Catches a browser cache
   * that serves an old shard under a rebuilt manifest, which the header checks miss when the counts agree.
   */
  verify?: boolean;
  /** Called after each file, e.g. for a progress bar. */
  onFile?: (done: number, total: number, bytesDone: number) => void;
  /** Files fetched at once. */
  concurrency?: number;
}

/**
 * Fetches and decodes a data set's shards into its two splits. Each split's buffers are allocated once from the
 * manifest's counts and each shard is copied in as it arrives, so the peak is one split plus a few shards rather
 * than twice the data set; a split in one file is kept as views into it.
 */
export async function loadPreparedSplits(
  entry: ManifestDataset,
  load: FileLoader,
  opts: LoadPreparedOptions = {},
): Promise<Record<SplitName, Split>> {
  const verify = opts.verify ?? globalThis.crypto?.subtle !== undefined;
  const size = entry.height * entry.width * entry.channels;
  const out = {} as Record<SplitName, Split>;
  const multi = new Set<SplitName>();
  for (const split of SPLITS) {
    const n = entry.counts[split];
    if (entry.files.filter((f) => f.split === split).length > 1) {
      out[split] = { images: new Uint8Array(n * size), labels: new Uint8Array(n), count: n };
      multi.add(split);
    }
  }
  let done = 0;
  let bytesDone = 0;
  const one = async (f: ManifestFile) => {
    const bytes = await load(f.path);
    if (bytes.length !== f.bytes) {
      throw new Error(`${f.path}: ${bytes.length} bytes, the manifest says ${f.bytes} (stale or truncated file?)`);
    }
    if (verify && (await sha256Hex(bytes)) !== f.sha256) {
      throw new Error(
        `${f.path}: SHA-256 differs from the manifest (stale cached file? reload, or rerun data:prepare)`,
      );
    }
    const shard: Shard = decodeShard(bytes, f.path, {
      split: f.split,
      start: f.start,
      count: f.count,
      height: entry.height,
      width: entry.width,
      channels: entry.channels,
      numClasses: entry.classes.length,
    });
    if (multi.has(f.split)) {
      out[f.split].images.set(shard.images, f.start * size);
      out[f.split].labels.set(shard.labels, f.start);
    } else {
      out[f.split] = { images: shard.images, labels: shard.labels, count: shard.count };
    }
    bytesDone += f.bytes;
    opts.onFile?.(++done, entry.files.length, bytesDone);
  };
  // The manifest schema has already checked that the files tile each split exactly once.
  const queue = [...entry.files];
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) await one(f);
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 3) }, worker));
  return out;
}

/** A prepared data set as a RealData: its splits (loadPreparedSplits) with the manifest's shape and names. */
export async function loadPrepared(
  entry: ManifestDataset,
  load: FileLoader,
  opts: LoadPreparedOptions = {},
): Promise<RealData> {
  const splits = await loadPreparedSplits(entry, load, opts);
  return {
    id: entry.id,
    height: entry.height,
    width: entry.width,
    channels: entry.channels,
    classNames: entry.classes,
    train: splits.train,
    test: splits.test,
    summary: entry.summary,
  };
}

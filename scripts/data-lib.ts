// Shared by data:prepare and data:fetch: finds the official MNIST / Fashion-MNIST / CIFAR-10 files in a folder,
// imports them with the app's own parsers (src/core/data/formats) and writes shards + manifest.json (Node only).
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { REAL_DATASETS } from '../src/core/config/schema';
import { DataFormatError, importFiles, type InputFile } from '../src/core/data/formats';
import { fmtInt } from '../src/core/data/formats/errors';
import {
  MANIFEST_FILE,
  parseManifest,
  sha256Hex,
  withDataset,
  type Manifest,
  type ManifestDataset,
  type ManifestFile,
  type RealDatasetId,
} from '../src/core/data/manifest';
import { REAL_DATASET_NAMES } from '../src/core/data/real';
import { encodeShard, MAX_SHARD_BYTES, shardSplit, SPLITS } from '../src/core/data/shards';

/** An expected failure: main prints its message on one line, without a stack. */
export class CliError extends Error {}

export const DATASET_IDS: readonly RealDatasetId[] = REAL_DATASETS;

const SHARED_FLAGS = {
  only: { type: 'string' },
  out: { type: 'string', default: 'public/data' },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsOptionsConfig;

type DataFlags<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O & typeof SHARED_FLAGS }>
>['values'];

/** The flags both data scripts take plus the script's own; a bad flag fails with the usage line, --help prints it
 * and gives null. */
export function parseDataFlags<const O extends ParseArgsOptionsConfig>(usage: string, own: O): DataFlags<O> | null {
  let values: DataFlags<O>;
  try {
    values = parseArgs({ options: { ...own, ...SHARED_FLAGS } }).values as DataFlags<O>;
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n${usage}`);
  }
  if ((values as { help: boolean }).help) {
    console.log(usage);
    return null;
  }
  return values;
}

export function parseOnly(value: string | undefined): RealDatasetId[] {
  if (!value) return [...DATASET_IDS];
  const ids = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = ids.filter((id) => !(DATASET_IDS as readonly string[]).includes(id));
  if (bad.length)
    throw new CliError(`--only: unknown data set ${bad.join(', ')} (choose from ${DATASET_IDS.join(', ')})`);
  return DATASET_IDS.filter((id) => ids.includes(id));
}

export interface FoundFile {
  path: string;
  /** Relative to the searched folder, "/"-separated: what the manifest records. */
  rel: string;
  bytes: number;
  mtimeMs: number;
}

export interface Found {
  id: RealDatasetId;
  files: FoundFile[];
  /** Other copies that were ignored, and similar remarks for the user. */
  notes: string[];
}

const IDX_RE = /^(train|t10k)-(images|labels)([.-]idx[13]-ubyte)?(\.gz)?$/i;
const CIFAR_BIN_RE = /^(data_batch_[1-5]|test_batch)\.bin$/i;
const CIFAR_META = 'batches.meta.txt';
const CIFAR_ARCHIVE_RE = /cifar-?10.*\.(tar\.gz|tgz|tar)$/i;
const CIFAR_OTHER_RE = /cifar-?10-(python|matlab)/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);
const MAX_DEPTH = 8;

function walk(root: string): FoundFile[] {
  const out: FoundFile[] = [];
  const visit = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: not ours to complain about
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, e.name);
      // Symlinked files are followed; symlinked folders are not (loops).
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIP_DIRS.has(e.name)) visit(path, depth + 1);
        continue;
      }
      if (!IDX_RE.test(e.name) && !CIFAR_BIN_RE.test(e.name) && e.name !== CIFAR_META && !/cifar/i.test(e.name))
        continue;
      try {
        const st = statSync(path);
        if (!st.isFile()) continue;
        out.push({
          path,
          rel: relative(root, path).split(sep).join('/'),
          bytes: st.size,
          mtimeMs: Math.round(st.mtimeMs),
        });
      } catch {
        // dangling symlink
      }
    }
  };
  visit(root, 0);
  return out;
}

const dirOf = (f: FoundFile) => dirname(f.rel);

/** Groups files by folder and returns the folders, the one with most distinct roles first. */
function byFolder(files: FoundFile[], role: (f: FoundFile) => string): FoundFile[][] {
  const groups = new Map<string, FoundFile[]>();
  for (const f of files) groups.set(dirOf(f), [...(groups.get(dirOf(f)) ?? []), f]);
  const roles = (g: FoundFile[]) => new Set(g.map(role)).size;
  return [...groups.values()].sort((a, b) => roles(b) - roles(a));
}

function pickIdx(id: RealDatasetId, files: FoundFile[]): Found | null {
  if (files.length === 0) return null;
  const role = (f: FoundFile) => {
    const m = IDX_RE.exec(basename(f.rel))!;
    return `${m[1]}-${m[2]}`.toLowerCase(); // e.g. "t10k-images"
  };
  const [best, ...others] = byFolder(files, role);
  // One file per role: the unzipped copy when both are there (no inflate), else the .gz.
  const chosen = new Map<string, FoundFile>();
  for (const f of [...best].sort((a, b) => Number(a.rel.endsWith('.gz')) - Number(b.rel.endsWith('.gz')))) {
    if (!chosen.has(role(f))) chosen.set(role(f), f);
  }
  const notes = others.map((g) => `ignored another copy in ${dirOf(g[0])}/`);
  return { id, files: [...chosen.values()], notes };
}

function pickCifar(files: FoundFile[]): Found | null {
  const notes = files
    .filter((f) => CIFAR_OTHER_RE.test(basename(f.rel)))
    .map((f) => `ignored ${f.rel}: only the binary version (cifar-10-binary.tar.gz) is supported`);
  const archives = files
    .filter((f) => CIFAR_ARCHIVE_RE.test(basename(f.rel)) && !CIFAR_OTHER_RE.test(basename(f.rel)))
    .sort((a, b) => b.bytes - a.bytes);
  const bins = files.filter((f) => CIFAR_BIN_RE.test(basename(f.rel)) || basename(f.rel) === CIFAR_META);
  const [bestBins, ...otherBins] = byFolder(bins, (f) => basename(f.rel).toLowerCase());
  const binCount = bestBins?.filter((f) => CIFAR_BIN_RE.test(basename(f.rel))).length ?? 0;
  // Extracted batches skip the inflate and untar, but a complete archive beats an incomplete folder.
  if (binCount > 0 && (binCount === 6 || archives.length === 0)) {
    notes.push(...otherBins.map((g) => `ignored another copy in ${dirOf(g[0])}/`));
    if (archives.length) notes.push(`used the extracted batches, not ${archives.map((a) => a.rel).join(', ')}`);
    return { id: 'cifar-10', files: bestBins, notes };
  }
  if (archives.length) {
    notes.push(...archives.slice(1).map((a) => `ignored ${a.rel} (a larger archive was found)`));
    if (binCount) notes.push(`used ${archives[0].rel}, not the incomplete extracted batches in ${dirOf(bestBins[0])}/`);
    return { id: 'cifar-10', files: [archives[0]], notes };
  }
  return notes.length ? { id: 'cifar-10', files: [], notes } : null;
}

/** The official files under `dir` (recursively), one set per data set. Folders named *fashion* are Fashion-MNIST. */
export function findSources(dir: string): Found[] {
  const all = walk(dir);
  const idx = all.filter((f) => IDX_RE.test(basename(f.rel)));
  const found = [
    pickIdx(
      'mnist',
      idx.filter((f) => !/fashion/i.test(f.rel)),
    ),
    pickIdx(
      'fashion-mnist',
      idx.filter((f) => /fashion/i.test(f.rel)),
    ),
    pickCifar(all),
  ];
  return found.filter((f): f is Found => f !== null);
}

export const LOOKED_FOR =
  'train-images-idx3-ubyte[.gz] and friends (MNIST; in a folder named *fashion* for Fashion-MNIST), ' +
  'cifar-10-binary.tar.gz or data_batch_1..5.bin + test_batch.bin';

export interface PrepareOptions {
  from: string;
  out: string;
  only: RealDatasetId[];
  /** True when the user named the data sets: then a missing one is an error rather than a remark. */
  onlyGiven?: boolean;
  force?: boolean;
  maxShardBytes?: number;
  /** Prefix of error lines: the script the user ran. */
  script?: string;
  log?: Logger;
}

export type Logger = (line: string, isError?: boolean) => void;
const defaultLog: Logger = (line, isError) => (isError ? console.error(line) : console.log(line));

export interface PrepareResult {
  id: RealDatasetId;
  status: 'prepared' | 'up to date' | 'failed';
  message: string;
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

function readManifest(out: string, force: boolean): Manifest | undefined {
  const file = join(out, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return parseManifest(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if (force) return undefined;
    throw new CliError(`${(e as Error).message} (delete it, or rerun with --force to rebuild it)`);
  }
}

/** Written next to the target and renamed: a crash never leaves a half-written shard or manifest in place. */
function writeAtomic(path: string, bytes: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

function upToDate(entry: ManifestDataset | undefined, found: Found, out: string): boolean {
  if (!entry) return false;
  const want = found.files.map((f) => `${f.rel}|${f.bytes}|${f.mtimeMs}`).sort();
  const have = entry.inputs.map((f) => `${f.name}|${f.bytes}|${f.mtimeMs}`).sort();
  if (want.join('\n') !== have.join('\n')) return false;
  return entry.files.every((f) => {
    const p = join(out, ...f.path.split('/'));
    return existsSync(p) && statSync(p).size === f.bytes;
  });
}

const SHARD_NAME_RE = /^(train|test)-\d+-[0-9a-f]{8}\.bin$/;

async function prepareOne(found: Found, opts: PrepareOptions, manifest: Manifest | undefined): Promise<Manifest> {
  const log = opts.log ?? defaultLog;
  const t0 = performance.now();
  const name = REAL_DATASET_NAMES[found.id];
  const inputs: InputFile[] = found.files.map((f) => {
    const buf = readFileSync(f.path);
    // A view, not new Uint8Array(buf): that would copy a 163 MB archive once more.
    return { name: f.rel, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
  });
  const idxAs = found.id === 'cifar-10' ? undefined : found.id;
  const data = await importFiles(inputs, idxAs ? { idxAs } : undefined);
  inputs.length = 0; // let the compressed sources go before the shards are built
  if (data.id !== found.id) throw new CliError(`the files are ${data.id}, not ${found.id}`);
  const dims = { height: data.height, width: data.width, channels: data.channels, numClasses: data.classNames.length };

  const dir = join(opts.out, found.id);
  mkdirSync(dir, { recursive: true });
  const files: ManifestFile[] = [];
  for (const split of SPLITS) {
    const shards = shardSplit(data[split], split, dims, opts.maxShardBytes ?? MAX_SHARD_BYTES);
    for (const [i, shard] of shards.entries()) {
      const bytes = encodeShard(shard);
      const sha256 = await sha256Hex(bytes);
      // The hash in the name makes each URL immutable: a browser cache can never serve an old shard.
      const file = `${split}-${String(i).padStart(2, '0')}-${sha256.slice(0, 8)}.bin`;
      writeAtomic(join(dir, file), bytes);
      files.push({
        path: `${found.id}/${file}`,
        split,
        start: shard.start,
        count: shard.count,
        bytes: bytes.length,
        sha256,
      });
    }
  }
  const entry: ManifestDataset = {
    id: found.id,
    name,
    height: data.height,
    width: data.width,
    channels: data.channels,
    classes: data.classNames,
    counts: { train: data.train.count, test: data.test.count },
    summary: data.summary,
    source: data.sources,
    inputs: found.files.map((f) => ({ name: f.rel, bytes: f.bytes, mtimeMs: f.mtimeMs })),
    warnings: data.warnings,
    files,
    totalBytes: files.reduce((s, f) => s + f.bytes, 0),
  };
  const next = withDataset(manifest, entry);
  parseManifest(next); // never write a manifest the app would refuse
  writeAtomic(join(opts.out, MANIFEST_FILE), `${JSON.stringify(next, null, 2)}\n`);
  // Only now, with the new manifest in place, drop the previous run's shards.
  const keep = new Set(files.map((f) => basename(f.path)));
  for (const f of readdirSync(dir)) if (SHARD_NAME_RE.test(f) && !keep.has(f)) rmSync(join(dir, f));

  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  log(
    `${found.id}: ${data.summary}; ${data.height}×${data.width}×${data.channels}, ${dims.numClasses} classes → ` +
      `${join(opts.out, found.id)}/ (${files.length} shards, ${mb(entry.totalBytes)}) in ${secs} s`,
  );
  for (const w of data.warnings) log(`  warning: ${w}`);
  return next;
}

/** Prepares every requested data set found under opts.from; one failure does not stop the others. */
export async function prepare(opts: PrepareOptions): Promise<PrepareResult[]> {
  const log = opts.log ?? defaultLog;
  if (!existsSync(opts.from)) throw new CliError(`${opts.from} does not exist`);
  if (!statSync(opts.from).isDirectory()) throw new CliError(`${opts.from} is not a folder`);
  const everything = findSources(opts.from);
  const all = everything.filter((f) => opts.only.includes(f.id));
  const usable = all.filter((f) => f.files.length > 0);
  if (usable.length === 0) {
    const notes = all.flatMap((f) => f.notes);
    const others = everything.filter((f) => f.files.length > 0).map((f) => f.id);
    if (others.length) notes.push(`found ${others.join(', ')}, which --only leaves out`);
    const what = opts.onlyGiven
      ? opts.only.map((id) => REAL_DATASET_NAMES[id]).join(', ')
      : 'MNIST, Fashion-MNIST or CIFAR-10';
    throw new CliError(
      `no ${what} files found in ${opts.from} (looked for ${LOOKED_FOR})${notes.length ? `; ${notes.join('; ')}` : ''}`,
    );
  }
  let manifest = readManifest(opts.out, !!opts.force);
  const results: PrepareResult[] = [];
  for (const id of opts.only) {
    const found = usable.find((f) => f.id === id);
    if (!found) {
      const notes = all.find((f) => f.id === id)?.notes ?? [];
      const message = `no files found in ${opts.from}${notes.length ? ` (${notes.join('; ')})` : ''}`;
      if (opts.onlyGiven) {
        log(`${opts.script ?? 'data:prepare'}: ${id}: ${message}`, true);
        results.push({ id, status: 'failed', message });
      } else log(`${id}: not found, skipped${notes.length ? ` (${notes.join('; ')})` : ''}`);
      continue;
    }
    for (const note of found.notes) log(`${id}: note: ${note}`);
    const entry = manifest?.datasets.find((d) => d.id === id);
    if (!opts.force && entry && upToDate(entry, found, opts.out)) {
      log(
        `${id}: up to date (${fmtInt(entry.counts.train)} train + ${fmtInt(entry.counts.test)} test, ${mb(entry.totalBytes)}); --force rebuilds`,
      );
      results.push({ id, status: 'up to date', message: '' });
      continue;
    }
    try {
      manifest = await prepareOne(found, opts, manifest);
      results.push({ id, status: 'prepared', message: '' });
    } catch (e) {
      if (!(e instanceof DataFormatError || e instanceof CliError)) throw e;
      log(`${opts.script ?? 'data:prepare'}: ${id}: ${e.message}`, true);
      results.push({ id, status: 'failed', message: e.message });
    }
  }
  return results;
}

const OFFLINE_HINT = 'copy the official files into a folder and run npm run data:prepare -- --from DIR instead';
const SYSTEM_ERRORS: Record<string, string> = {
  ENOTFOUND: 'DNS lookup failed',
  EAI_AGAIN: 'DNS lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
};

/** Why fetch failed, in a few words: undici hides the system error (ENOTFOUND, ...) in `cause`. */
function fetchFailure(e: unknown, stallMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return `no answer within ${stallMs / 1000} s`;
  const code = err.cause?.code;
  if (code) return SYSTEM_ERRORS[code] ? `${SYSTEM_ERRORS[code]}: ${code}` : code;
  return err.cause?.message ?? err.message ?? String(e);
}

export interface DownloadOptions {
  /** No response headers, or no next chunk of the body, for this long counts as unreachable. */
  stallMs?: number;
  /** Label of the progress line. */
  label?: string;
  log?: Logger;
}

/**
 * Downloads url into dest via dest.part, renamed only once complete (so a rerun never trusts a partial file).
 * The timeout is per stall, not per file: CIFAR-10's 163 MB may take minutes on a slow line, but offline
 * the first request fails within stallMs.
 */
export async function download(url: URL, dest: string, opts: DownloadOptions = {}): Promise<void> {
  const stallMs = opts.stallMs ?? 15_000;
  const log = opts.log ?? defaultLog;
  const label = opts.label ?? basename(dest);
  const abort = new AbortController();
  let timer = setTimeout(() => abort.abort(), stallMs);
  const poke = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(), stallMs);
  };
  const unreachable = (why: string) => new CliError(`cannot reach ${url.host} (${why}); ${OFFLINE_HINT}`);
  const part = `${dest}.part`;
  try {
    let res: Response;
    try {
      res = await fetch(url, { signal: abort.signal });
    } catch (e) {
      throw unreachable(fetchFailure(e, stallMs));
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => {});
      throw new CliError(`${url} answered HTTP ${res.status} ${res.statusText}; ${OFFLINE_HINT}`);
    }
    const total = Number(res.headers.get('content-length')) || 0;
    // A live progress line on a terminal; one line at the end in CI logs.
    const tty = process.stdout.isTTY && !opts.log;
    let got = 0;
    let shown = 0;
    const line = () => `  ${label}: ${mb(got)}${total ? ` of ${mb(total)} (${Math.floor((100 * got) / total)}%)` : ''}`;
    const body = Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>);
    body.on('data', (chunk: Uint8Array) => {
      poke();
      got += chunk.length;
      if (tty && got - shown > 1 << 20) {
        shown = got;
        process.stdout.write(`\r${line()}`);
      }
    });
    try {
      await pipeline(body, createWriteStream(part));
    } catch (e) {
      throw unreachable(`download stopped after ${mb(got)}: ${fetchFailure(e, stallMs)}`);
    }
    if (total && got !== total) throw unreachable(`download stopped after ${got} of ${total} bytes`);
    if (tty) process.stdout.write(`\r${line()}\n`);
    else log(line());
    renameSync(part, dest);
  } finally {
    clearTimeout(timer);
    rmSync(part, { force: true });
  }
}

/** Runs a script's main: expected errors print one line and exit 1; anything else keeps its stack. */
export function runMain(script: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (e: unknown) => {
      if (e instanceof CliError || e instanceof DataFormatError) console.error(`${script}: ${e.message}`);
      else console.error(`${script}: unexpected error:`, e);
      process.exit(1);
    },
  );
}

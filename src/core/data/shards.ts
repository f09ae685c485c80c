// Prepared real data sets (MNIST, Fashion-MNIST, CIFAR-10) are served same-origin as shards of at most ~16 MB:
// small enough for any static host and for per-file progress, and laid out so a worker can decode one as views
// into the fetched buffer, without copying:
//   "KDS1" | uint32 LE × 7: split (0 train, 1 test), start, count, height, width, channels, classes
//   | labels: count bytes | pixels: count × H × W × C bytes (uint8, NHWC)
// The header is fixed-size binary (no JSON) so a shard is checked with a handful of reads.
import type { Split } from './types';

export const SHARD_MAGIC = 'KDS1';
export const SHARD_HEADER_BYTES = 32;
export const MAX_SHARD_BYTES = 16_000_000;

export const SPLITS = ['train', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];

export interface ShardHeader {
  split: SplitName;
  /** Index of the shard's first image within its split. */
  start: number;
  count: number;
  height: number;
  width: number;
  channels: number;
  /** Labels must be < numClasses. */
  numClasses: number;
}

export interface Shard extends ShardHeader {
  labels: Uint8Array; // count
  images: Uint8Array; // count × H × W × C
  /** Where the shard came from, for error messages. */
  file?: string;
}

export function shardByteLength(h: Pick<ShardHeader, 'count' | 'height' | 'width' | 'channels'>): number {
  return SHARD_HEADER_BYTES + h.count * (1 + h.height * h.width * h.channels);
}

/** Images per shard: as many as fit in maxBytes, rounded down to a multiple of 1,000 for readable ranges. */
export function imagesPerShard(imageBytes: number, maxBytes = MAX_SHARD_BYTES): number {
  const fit = Math.floor((maxBytes - SHARD_HEADER_BYTES) / (1 + imageBytes));
  if (fit < 1) throw new Error(`one ${imageBytes}-byte image does not fit in a ${maxBytes}-byte shard`);
  return fit >= 1000 ? fit - (fit % 1000) : fit;
}

/** [start, count) ranges that cover `count` images, each shard at most maxBytes. */
export function planShards(count: number, imageBytes: number, maxBytes = MAX_SHARD_BYTES) {
  const per = imagesPerShard(imageBytes, maxBytes);
  const ranges: { start: number; count: number }[] = [];
  for (let start = 0; start < count; start += per) ranges.push({ start, count: Math.min(per, count - start) });
  return ranges;
}

/** Cuts a split into shards (views into the split's arrays; encodeShard copies them once into the file). */
export function shardSplit(
  split: Split,
  name: SplitName,
  dims: { height: number; width: number; channels: number; numClasses: number },
  maxBytes = MAX_SHARD_BYTES,
): Shard[] {
  const size = dims.height * dims.width * dims.channels;
  return planShards(split.count, size, maxBytes).map(({ start, count }) => ({
    split: name,
    start,
    count,
    ...dims,
    labels: split.labels.subarray(start, start + count),
    images: split.images.subarray(start * size, (start + count) * size),
  }));
}

export function encodeShard(s: Shard): Uint8Array {
  const size = s.height * s.width * s.channels;
  if (s.labels.length !== s.count || s.images.length !== s.count * size) {
    throw new Error(
      `encodeShard: ${s.count} images of ${size} bytes need ${s.count} labels and ${s.count * size} pixels, ` +
        `got ${s.labels.length} and ${s.images.length}`,
    );
  }
  const out = new Uint8Array(shardByteLength(s));
  out.set(new TextEncoder().encode(SHARD_MAGIC), 0);
  const dv = new DataView(out.buffer);
  const fields = [SPLITS.indexOf(s.split), s.start, s.count, s.height, s.width, s.channels, s.numClasses];
  fields.forEach((v, i) => dv.setUint32(4 + 4 * i, v, true));
  out.set(s.labels, SHARD_HEADER_BYTES);
  out.set(s.images, SHARD_HEADER_BYTES + s.count);
  return out;
}

/**
 * Decodes a shard without copying: labels and images are views into `bytes`. `expect` (from the manifest) makes
 * a shard that was swapped, renamed or rebuilt with other settings fail here rather than train on wrong data.
 */
export function decodeShard(bytes: Uint8Array, file: string, expect: Partial<ShardHeader> = {}): Shard {
  const fail: (why: string) => never = (why) => {
    throw new Error(`${file}: ${why}`);
  };
  if (bytes.length < SHARD_HEADER_BYTES) fail(`${bytes.length} bytes is too short for a data shard (truncated?)`);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  // A dev server answers a missing file with index.html: say so instead of "bad magic".
  if (magic !== SHARD_MAGIC) {
    fail(
      `not a data shard (starts with ${JSON.stringify(magic)}, expected "${SHARD_MAGIC}"); run npm run data:prepare`,
    );
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [code, start, count, height, width, channels, numClasses] = Array.from({ length: 7 }, (_, i) =>
    dv.getUint32(4 + 4 * i, true),
  );
  const split = SPLITS[code];
  if (split === undefined) fail(`unknown split code ${code}`);
  if (count < 1 || height < 1 || width < 1 || channels < 1) {
    fail(`bad header: count ${count}, shape ${height}×${width}×${channels}`);
  }
  if (numClasses < 1 || numClasses > 256) fail(`bad header: ${numClasses} classes`);
  const header: ShardHeader = { split, start, count, height, width, channels, numClasses };
  for (const key of Object.keys(expect) as (keyof ShardHeader)[]) {
    if (expect[key] !== undefined && expect[key] !== header[key]) {
      fail(`${key} is ${header[key]}, the manifest says ${expect[key]} (stale shard? rerun npm run data:prepare)`);
    }
  }
  const need = shardByteLength(header);
  if (bytes.length !== need) fail(`expected ${need} bytes for ${count} images, got ${bytes.length} (truncated?)`);
  const labels = bytes.subarray(SHARD_HEADER_BYTES, SHARD_HEADER_BYTES + count);
  for (let i = 0; i < count; i++) {
    if (labels[i] >= numClasses) fail(`label ${labels[i]} of image ${start + i} is out of range 0..${numClasses - 1}`);
  }
  return { ...header, labels, images: bytes.subarray(SHARD_HEADER_BYTES + count), file };
}

/**
 * Joins one split's shards in start order into one Split, checking that they cover 0..count-1 exactly once
 * with one shape. A single shard is returned as views (no copy); several are concatenated once.
 */
export function assembleSplit(shards: Shard[], expected: { split: SplitName; count: number }): Split {
  const name = (s: Shard) => s.file ?? `${s.split} shard at ${s.start}`;
  if (shards.length === 0) throw new Error(`${expected.split}: no shards`);
  const sorted = [...shards].sort((a, b) => a.start - b.start);
  const first = sorted[0];
  let next = 0;
  for (const s of sorted) {
    if (s.split !== expected.split) throw new Error(`${name(s)}: a ${s.split} shard among the ${expected.split} ones`);
    if (s.height !== first.height || s.width !== first.width || s.channels !== first.channels) {
      throw new Error(
        `${name(s)}: images are ${s.height}×${s.width}×${s.channels}, ` +
          `${name(first)} has ${first.height}×${first.width}×${first.channels}`,
      );
    }
    if (s.start > next) throw new Error(`${expected.split}: images ${next}..${s.start - 1} are missing (no shard)`);
    if (s.start < next)
      throw new Error(`${name(s)}: images from ${s.start} overlap the previous shard (up to ${next - 1})`);
    next = s.start + s.count;
  }
  if (next !== expected.count) {
    throw new Error(
      `${expected.split}: shards hold ${next} images, expected ${expected.count}` +
        (next < expected.count ? ` (images ${next}..${expected.count - 1} missing)` : ''),
    );
  }
  if (sorted.length === 1) return { images: first.images, labels: first.labels, count: first.count };
  const size = first.height * first.width * first.channels;
  const images = new Uint8Array(next * size);
  const labels = new Uint8Array(next);
  for (const s of sorted) {
    images.set(s.images, s.start * size);
    labels.set(s.labels, s.start);
  }
  return { images, labels, count: next };
}

// Prepared-data shards and their manifest: round trips, clear errors on damaged files, coverage checks, and the
// loader that the app uses to turn a manifest entry into splits.
import { describe, expect, it } from 'vitest';
import {
  loadPreparedSplits,
  parseManifest,
  sha256Hex,
  withDataset,
  type Manifest,
  type ManifestDataset,
} from './manifest';
import {
  assembleSplit,
  decodeShard,
  encodeShard,
  imagesPerShard,
  planShards,
  SHARD_HEADER_BYTES,
  shardByteLength,
  shardSplit,
  type Shard,
} from './shards';
import type { Split } from './types';

const dims = { height: 3, width: 2, channels: 2, numClasses: 10 };
const SIZE = 3 * 2 * 2;

function split(count: number, seed = 0): Split {
  return {
    labels: Uint8Array.from({ length: count }, (_, i) => (i + seed) % 10),
    images: Uint8Array.from({ length: count * SIZE }, (_, i) => (i * 31 + seed) % 256),
    count,
  };
}

function shard(start: number, count: number, name: 'train' | 'test' = 'train'): Shard {
  const s = split(start + count);
  return {
    split: name,
    start,
    count,
    ...dims,
    labels: s.labels.subarray(start),
    images: s.images.subarray(start * SIZE),
    file: `${name}-${start}.bin`,
  };
}

describe('encodeShard / decodeShard', () => {
  it('round-trips header, labels and pixels, decoding as views into the input', () => {
    const s = shard(40, 7);
    const bytes = encodeShard(s);
    expect(bytes.length).toBe(SHARD_HEADER_BYTES + 7 * (1 + SIZE));
    expect(bytes.length).toBe(shardByteLength(s));
    const d = decodeShard(bytes, 'x.bin');
    expect([d.split, d.start, d.count, d.height, d.width, d.channels, d.numClasses]).toEqual([
      'train',
      40,
      7,
      3,
      2,
      2,
      10,
    ]);
    expect(Array.from(d.labels)).toEqual(Array.from(s.labels));
    expect(Array.from(d.images)).toEqual(Array.from(s.images));
    expect(d.images.buffer).toBe(bytes.buffer); // no copy
  });

  it('decodes from a view at an odd byte offset', () => {
    const bytes = encodeShard(shard(0, 5, 'test'));
    const big = new Uint8Array(bytes.length + 9);
    big.set(bytes, 3);
    const d = decodeShard(big.subarray(3, 3 + bytes.length), 'y.bin');
    expect([d.split, d.count]).toEqual(['test', 5]);
  });

  it('rejects damaged files with an error naming the file', () => {
    const good = encodeShard(shard(0, 5));
    expect(() => decodeShard(good.subarray(0, 20), 'a.bin')).toThrow(/^a\.bin: 20 bytes is too short/);
    expect(() => decodeShard(good.subarray(0, good.length - 1), 'a.bin')).toThrow(
      /^a\.bin: expected \d+ bytes.*truncated/,
    );
    expect(() => decodeShard(new TextEncoder().encode('<!doctype html><html><body></body></html>'), 'a.bin')).toThrow(
      /a\.bin: not a data shard.*data:prepare/,
    );
    const badLabel = good.slice();
    badLabel[SHARD_HEADER_BYTES + 2] = 10;
    expect(() => decodeShard(badLabel, 'a.bin')).toThrow(/a\.bin: label 10 of image 2 is out of range 0\.\.9/);
    const badSplit = good.slice();
    new DataView(badSplit.buffer).setUint32(4, 7, true);
    expect(() => decodeShard(badSplit, 'a.bin')).toThrow(/unknown split code 7/);
    const zeroCount = good.slice();
    new DataView(zeroCount.buffer).setUint32(12, 0, true);
    expect(() => decodeShard(zeroCount, 'a.bin')).toThrow(/bad header: count 0/);
  });

  it('checks the header against what the manifest expects', () => {
    const bytes = encodeShard(shard(10, 5));
    expect(() => decodeShard(bytes, 'a.bin', { start: 10, count: 5, split: 'train' })).not.toThrow();
    expect(() => decodeShard(bytes, 'a.bin', { start: 0 })).toThrow(/a\.bin: start is 10, the manifest says 0/);
    expect(() => decodeShard(bytes, 'a.bin', { split: 'test' })).toThrow(/split is train, the manifest says test/);
  });

  it('refuses inconsistent input to encode', () => {
    expect(() => encodeShard({ ...shard(0, 5), count: 6 })).toThrow(/6 labels/);
  });
});

describe('shard planning', () => {
  it('keeps shards under 16 MB with round ranges', () => {
    expect(imagesPerShard(3072)).toBe(5000); // CIFAR-10: 50k train → 10 shards of 15.4 MB
    expect(imagesPerShard(784)).toBe(20000); // MNIST: 60k train → 3 shards of 15.7 MB
    const plan = planShards(50000, 3072);
    expect(plan.length).toBe(10);
    expect(plan.every((r) => shardByteLength({ ...r, height: 32, width: 32, channels: 3 }) <= 16_000_000)).toBe(true);
    expect(planShards(3000, 784)).toEqual([{ start: 0, count: 3000 }]);
    expect(planShards(25, SIZE, SHARD_HEADER_BYTES + 10 * (1 + SIZE))).toEqual([
      { start: 0, count: 10 },
      { start: 10, count: 10 },
      { start: 20, count: 5 },
    ]);
    expect(() => imagesPerShard(100, 64)).toThrow(/does not fit/);
  });

  it('shardSplit + encode + decode + assembleSplit gives the split back', () => {
    const s = split(25, 3);
    const shards = shardSplit(s, 'train', dims, SHARD_HEADER_BYTES + 10 * (1 + SIZE));
    expect(shards.map((x) => [x.start, x.count])).toEqual([
      [0, 10],
      [10, 10],
      [20, 5],
    ]);
    const decoded = shards.reverse().map((x, i) => decodeShard(encodeShard(x), `s${i}.bin`));
    const back = assembleSplit(decoded, { split: 'train', count: 25 });
    expect(back.count).toBe(25);
    expect(Array.from(back.labels)).toEqual(Array.from(s.labels));
    expect(Array.from(back.images)).toEqual(Array.from(s.images));
  });
});

describe('assembleSplit', () => {
  it('keeps a single shard as views', () => {
    const d = decodeShard(encodeShard(shard(0, 5)), 'a.bin');
    expect(assembleSplit([d], { split: 'train', count: 5 }).images).toBe(d.images);
  });

  it('reports gaps, overlaps, missing tails, wrong splits and shapes', () => {
    const want = { split: 'train' as const, count: 15 };
    expect(() => assembleSplit([shard(0, 5), shard(10, 5)], want)).toThrow(/train: images 5\.\.9 are missing/);
    expect(() => assembleSplit([shard(0, 5), shard(4, 11)], want)).toThrow(/train-4\.bin: images from 4 overlap/);
    expect(() => assembleSplit([shard(0, 5), shard(5, 5)], want)).toThrow(
      /hold 10 images, expected 15 \(images 10\.\.14/,
    );
    expect(() => assembleSplit([shard(0, 5), shard(5, 12)], want)).toThrow(/hold 17 images, expected 15$/);
    expect(() => assembleSplit([shard(0, 5), shard(5, 10, 'test')], want)).toThrow(/a test shard among the train/);
    expect(() => assembleSplit([shard(0, 5), { ...shard(5, 10), channels: 1 }], want)).toThrow(/3×2×1/);
    expect(() => assembleSplit([shard(5, 10)], want)).toThrow(/images 0\.\.4 are missing/);
    expect(() => assembleSplit([], want)).toThrow(/no shards/);
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes only the view, not the whole buffer', async () => {
    const big = new TextEncoder().encode('xxabcxx');
    expect(await sha256Hex(big.subarray(2, 5))).toBe(await sha256Hex(new TextEncoder().encode('abc')));
  });
});

/** A small prepared data set in memory: the manifest entry and its files. */
async function prepared(trainPerShard = 10) {
  const classes = Array.from({ length: 10 }, (_, i) => String(i));
  const files = new Map<string, Uint8Array>();
  const entry: ManifestDataset = {
    id: 'mnist',
    name: 'MNIST',
    height: 3,
    width: 2,
    channels: 2,
    classes,
    counts: { train: 25, test: 6 },
    summary: 'tiny',
    source: ['train-images-idx3-ubyte.gz'],
    inputs: [],
    warnings: [],
    files: [],
    totalBytes: 0,
  };
  for (const [name, s] of [
    ['train', split(25, 1)],
    ['test', split(6, 2)],
  ] as const) {
    for (const sh of shardSplit(s, name, dims, SHARD_HEADER_BYTES + trainPerShard * (1 + SIZE))) {
      const bytes = encodeShard(sh);
      const path = `mnist/${name}-${sh.start}.bin`;
      files.set(path, bytes);
      entry.files.push({
        path,
        split: name,
        start: sh.start,
        count: sh.count,
        bytes: bytes.length,
        sha256: await sha256Hex(bytes),
      });
      entry.totalBytes += bytes.length;
    }
  }
  return { entry, files, manifest: { version: 1, datasets: [entry] } as Manifest };
}

describe('parseManifest', () => {
  it('accepts a valid manifest, from an object or its JSON text', async () => {
    const { manifest } = await prepared();
    expect(parseManifest(manifest).datasets[0].files.length).toBe(4);
    expect(parseManifest(JSON.stringify(manifest)).datasets[0].counts).toEqual({ train: 25, test: 6 });
    expect(parseManifest({ version: 1, datasets: [] }).datasets).toEqual([]);
  });

  it('rejects bad manifests with messages naming the field', async () => {
    const { manifest } = await prepared();
    const bad = (edit: (m: any) => void) => {
      const m = structuredClone(manifest) as any;
      edit(m);
      return () => parseManifest(m);
    };
    expect(() => parseManifest('<!doctype html>')).toThrow(/manifest\.json: not JSON.*data:prepare/);
    expect(bad((m) => (m.version = 2))).toThrow(/version/);
    expect(bad((m) => (m.datasets[0].id = 'svhn'))).toThrow(/datasets\.0\.id/);
    expect(bad((m) => (m.datasets[0].files[0].sha256 = 'abc'))).toThrow(/datasets\.0\.files\.0\.sha256: must be 64/);
    expect(bad((m) => (m.datasets[0].files[0].path = '../secret'))).toThrow(/files\.0\.path/);
    expect(bad((m) => (m.datasets[0].files[0].path = '/etc/passwd'))).toThrow(/files\.0\.path/);
    expect(bad((m) => (m.datasets[0].files[1].bytes += 1))).toThrow(/files\.1\.bytes: 10 images.*need/);
    expect(bad((m) => (m.datasets[0].totalBytes += 1))).toThrow(/totalBytes: is \d+, the files add up to/);
    expect(bad((m) => (m.datasets[0].counts.train = 30))).toThrow(/train: files hold 25 images, counts say 30/);
    expect(bad((m) => m.datasets[0].files.splice(1, 1))).toThrow(/train: images 10\.\.19 are in no file/);
    expect(bad((m) => m.datasets.push(m.datasets[0]))).toThrow(/datasets\.1\.id: mnist is listed twice/);
    expect(bad((m) => (m.datasets[0].files[1].start = 5))).toThrow(/images 5\.\.9 are in two files/);
    expect(bad((m) => delete m.datasets[0].classes)).toThrow(/datasets\.0\.classes/);
  });

  it('withDataset replaces one entry and keeps the others in a fixed order', async () => {
    const { entry } = await prepared();
    const cifar = { ...entry, id: 'cifar-10' as const, name: 'CIFAR-10' };
    const fashion = { ...entry, id: 'fashion-mnist' as const };
    let m = withDataset(undefined, cifar);
    m = withDataset(m, entry);
    m = withDataset(m, fashion);
    m = withDataset(m, { ...entry, summary: 'new' });
    expect(m.datasets.map((d) => d.id)).toEqual(['mnist', 'fashion-mnist', 'cifar-10']);
    expect(m.datasets[0].summary).toBe('new');
    expect(parseManifest(JSON.parse(JSON.stringify(m))).datasets.length).toBe(3);
  });
});

describe('loadPreparedSplits', () => {
  it('loads, verifies and assembles both splits', async () => {
    const { entry, files } = await prepared();
    const progress: number[] = [];
    const { train, test } = await loadPreparedSplits(entry, async (p) => files.get(p)!, {
      onFile: (done) => progress.push(done),
    });
    expect(Array.from(train.labels)).toEqual(Array.from(split(25, 1).labels));
    expect(Array.from(train.images)).toEqual(Array.from(split(25, 1).images));
    expect(Array.from(test.images)).toEqual(Array.from(split(6, 2).images));
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it('fails on a stale file: wrong size, wrong hash, or a header that disagrees', async () => {
    const { entry, files } = await prepared();
    const load = (patch: (p: string, b: Uint8Array) => Uint8Array) => async (p: string) => patch(p, files.get(p)!);
    await expect(
      loadPreparedSplits(
        entry,
        load((p, b) => (p === 'mnist/train-10.bin' ? b.subarray(1) : b)),
      ),
    ).rejects.toThrow(/mnist\/train-10\.bin: \d+ bytes, the manifest says/);
    const flipped = load((p, b) => {
      if (p !== 'mnist/test-0.bin') return b;
      const c = b.slice();
      c[c.length - 1] ^= 1;
      return c;
    });
    await expect(loadPreparedSplits(entry, flipped)).rejects.toThrow(/mnist\/test-0\.bin: SHA-256 differs/);
    // Without hashing, the header check still catches a shard from another position.
    const swapped = load((p, b) => (p === 'mnist/train-10.bin' ? files.get('mnist/train-0.bin')! : b));
    await expect(loadPreparedSplits(entry, swapped, { verify: false })).rejects.toThrow(
      /mnist\/train-10\.bin: start is 0, the manifest says 10/,
    );
  });
});

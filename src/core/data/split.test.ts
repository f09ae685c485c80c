// stratifiedSplit: class proportions kept (±1), disjoint train/test, deterministic by seed.
import { describe, expect, it } from 'vitest';
import { stratifiedSplit } from './split';
import type { Split } from './types';

const K = 5;
const IMG = 4; // bytes per "image": the original index, little-endian, so every sample is identifiable

/** Uneven classes: class c has 40 + 17c samples, labels interleaved irregularly. */
function makeAll(): Split {
  const labels: number[] = [];
  for (let c = 0; c < K; c++) for (let i = 0; i < 40 + 17 * c; i++) labels.push(c);
  // A fixed, non-sorted order.
  const order = labels.map((_, i) => (i * 37) % labels.length);
  const l = Uint8Array.from(order, (i) => labels[i]);
  const images = new Uint8Array(l.length * IMG);
  const dv = new DataView(images.buffer);
  for (let i = 0; i < l.length; i++) dv.setUint32(i * IMG, i, true);
  return { images, labels: l, count: l.length };
}

const ids = (s: Split) => {
  const dv = new DataView(s.images.buffer, s.images.byteOffset, s.images.byteLength);
  return Array.from({ length: s.count }, (_, i) => dv.getUint32(i * IMG, true));
};

const classCounts = (s: Split) => {
  const c = new Array(K).fill(0);
  for (const l of s.labels) c[l]++;
  return c;
};

describe('stratifiedSplit', () => {
  const all = makeAll();
  const total = all.count; // 370
  const allCounts = classCounts(all);

  for (const [trainSize, testSize] of [
    [200, 100],
    [37, 23],
    [300, 70],
  ]) {
    it(`keeps class proportions within ±1 (train ${trainSize}, test ${testSize})`, () => {
      const { train, test } = stratifiedSplit(all, IMG, K, trainSize, testSize, 3);
      expect(train.count).toBe(trainSize);
      expect(test.count).toBe(testSize);
      expect(train.images.length).toBe(trainSize * IMG);
      const tr = classCounts(train);
      const te = classCounts(test);
      for (let c = 0; c < K; c++) {
        expect(Math.abs(tr[c] - (allCounts[c] * trainSize) / total)).toBeLessThanOrEqual(1);
        expect(Math.abs(te[c] - (allCounts[c] * testSize) / total)).toBeLessThanOrEqual(1);
      }
    });
  }

  it('train and test are disjoint, without duplicates, and each image keeps its label', () => {
    const { train, test } = stratifiedSplit(all, IMG, K, 250, 120, 5);
    const a = ids(train);
    const b = ids(test);
    expect(new Set(a).size).toBe(a.length);
    expect(new Set(b).size).toBe(b.length);
    const sb = new Set(b);
    expect(a.filter((i) => sb.has(i))).toEqual([]);
    a.forEach((src, i) => expect(train.labels[i]).toBe(all.labels[src]));
    b.forEach((src, i) => expect(test.labels[i]).toBe(all.labels[src]));
  });

  it('is deterministic by seed, and a different seed picks different samples', () => {
    const x = stratifiedSplit(all, IMG, K, 100, 50, 11);
    const y = stratifiedSplit(all, IMG, K, 100, 50, 11);
    const z = stratifiedSplit(all, IMG, K, 100, 50, 12);
    expect(ids(x.train)).toEqual(ids(y.train));
    expect(ids(x.test)).toEqual(ids(y.test));
    expect(ids(z.train)).not.toEqual(ids(x.train));
  });

  it('interleaves classes in the training split (a prefix is not a single class)', () => {
    const { train } = stratifiedSplit(all, IMG, K, 200, 50, 1);
    expect(new Set(train.labels.slice(0, 20)).size).toBeGreaterThan(2);
  });

  it('throws a clear error when asked for more samples than exist', () => {
    expect(() => stratifiedSplit(all, IMG, K, 300, 71, 1)).toThrow(/300 train \+ 71 test.*370/);
  });

  it('can use every image: train + test = count gives exactly the sizes asked for', () => {
    // Uneven classes make per-class rounding of train and test shares disagree unless train takes what is left.
    const labels = Uint8Array.from({ length: 997 }, (_, i) => ((i * 7) % 13) % K);
    const uneven = { images: new Uint8Array(997 * IMG), labels, count: 997 };
    for (const testSize of [100, 333, 500]) {
      const { train, test } = stratifiedSplit(uneven, IMG, K, 997 - testSize, testSize, 3);
      expect(train.count).toBe(997 - testSize);
      expect(test.count).toBe(testSize);
    }
  });
});

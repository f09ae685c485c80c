// The seeded procedural data set: shapes, determinism, balanced labels, and batch assembly from it.
import { describe, expect, it } from 'vitest';
import { hostBatch, oneHot, range } from './batches';
import { syntheticDataset } from './synthetic';
import { imageSize } from './types';

describe('syntheticDataset', () => {
  const opts = { trainSize: 50, testSize: 20, size: 8, channels: 3 as const, seed: 4 };
  const d = syntheticDataset(opts);

  it('has the requested shapes and metadata', () => {
    expect([d.height, d.width, d.channels, d.numClasses]).toEqual([8, 8, 3, 10]);
    expect(d.classNames).toHaveLength(10);
    expect(d.train.count).toBe(50);
    expect(d.test.count).toBe(20);
    expect(d.train.images.length).toBe(50 * 8 * 8 * 3);
    expect(d.test.images.length).toBe(20 * imageSize(d));
    expect(d.train.labels.length).toBe(50);
    expect(d.mean).toHaveLength(3);
    expect(d.std).toHaveLength(3);
    d.std.forEach((s) => expect(s).toBeGreaterThan(0));
    d.mean.forEach((m) => expect(m).toBeGreaterThan(0));
  });

  it('has every class, balanced', () => {
    const counts = new Array(10).fill(0);
    for (const l of d.train.labels) counts[l]++;
    expect(counts).toEqual(new Array(10).fill(5));
  });

  it('honours numClasses and grayscale', () => {
    const g = syntheticDataset({ ...opts, channels: 1, numClasses: 3 });
    expect(g.numClasses).toBe(3);
    expect(Math.max(...g.train.labels)).toBe(2);
    expect(g.train.images.length).toBe(50 * 64);
  });

  it('is deterministic by seed and differs across seeds', () => {
    const again = syntheticDataset(opts);
    expect(Array.from(again.train.images)).toEqual(Array.from(d.train.images));
    expect(Array.from(again.test.images)).toEqual(Array.from(d.test.images));
    const other = syntheticDataset({ ...opts, seed: 5 });
    expect(Array.from(other.train.images)).not.toEqual(Array.from(d.train.images));
  });

  it('classes differ: same-class samples are closer than different-class samples on average', () => {
    const n = imageSize(d);
    const img = (i: number) => d.train.images.subarray(i * n, (i + 1) * n);
    const dist = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);
    let same = 0;
    let diff = 0;
    for (let i = 0; i < 10; i++) {
      same += dist(img(i), img(i + 10)); // same class (i % 10)
      diff += dist(img(i), img(((i + 1) % 10) + 10));
    }
    expect(same).toBeLessThan(diff);
  });
});

describe('batches', () => {
  const d = syntheticDataset({ trainSize: 20, testSize: 10, size: 4, channels: 1, seed: 1 });

  it('hostBatch gathers the indexed samples scaled to [0,1]', () => {
    const idx = Int32Array.from([7, 3, 12, 0]);
    const b = hostBatch(d.train, idx, 1, 2, d); // samples 3 and 12
    expect(b.size).toBe(2);
    expect(Array.from(b.y)).toEqual([d.train.labels[3], d.train.labels[12]]);
    const n = imageSize(d);
    for (let j = 0; j < n; j++) {
      expect(b.x[j]).toBeCloseTo(d.train.images[3 * n + j] / 255, 6);
      expect(b.x[n + j]).toBeCloseTo(d.train.images[12 * n + j] / 255, 6);
    }
    expect(Math.min(...b.x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...b.x)).toBeLessThanOrEqual(1);
  });

  it('oneHot and range', () => {
    expect(Array.from(oneHot([2, 0], 3))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(Array.from(range(4))).toEqual([0, 1, 2, 3]);
  });
});

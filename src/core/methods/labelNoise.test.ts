// Messy Collaboration's label corruption: pick with probability r, replace by a uniform class over all K.
import { describe, expect, it } from 'vitest';
import { Rng, stream } from '../rng';
import { corruptLabels, effectiveFlipRate, labelFlips } from './labelNoise';

const N = 20000;
const K = 10;

function cyclicLabels(n: number, k: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i % k);
}

function changedFraction(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n / a.length;
}

describe('corruptLabels', () => {
  for (const [rate, k] of [
    [0.2, 10],
    [0.5, 10],
    [1, 10],
    [0.4, 2],
  ] as const) {
    it(`changes a fraction ≈ r·(K−1)/K of labels (r=${rate}, K=${k})`, () => {
      const y = cyclicLabels(N, k);
      const out = corruptLabels(y, rate, k, stream(3, 'labels', `r${rate}k${k}`));
      const p = effectiveFlipRate(rate, k);
      const sd = Math.sqrt((p * (1 - p)) / N);
      expect(Math.abs(changedFraction(y, out) - p)).toBeLessThan(4 * sd + 1e-9);
      // The input is not modified in place.
      expect(y).toEqual(cyclicLabels(N, k));
    });
  }

  it('draws replacement classes uniformly over all K classes (not a channel count or K−1)', () => {
    // All labels 0, rate 1: every label is redrawn uniformly from 0..K−1.
    const y = new Uint8Array(N);
    const out = corruptLabels(y, 1, K, new Rng(12345));
    const counts = new Array(K).fill(0);
    for (const l of out) counts[l]++;
    expect(Math.max(...out)).toBe(K - 1); // the last class is reachable, nothing beyond it
    expect(counts.reduce((a, b) => a + b, 0)).toBe(N);
    const e = N / K;
    const chi2 = counts.reduce((acc, c) => acc + (c - e) ** 2 / e, 0);
    // χ²(9): P(χ² > 27.9) ≈ 0.001.
    expect(chi2).toBeLessThan(27.9);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it('with partial rate, replaced labels are uniform: counts match N(1−r) + N·r/K for the original class', () => {
    const r = 0.3;
    const y = new Uint8Array(N); // all class 0
    const out = corruptLabels(y, r, K, new Rng(777));
    const counts = new Array(K).fill(0);
    for (const l of out) counts[l]++;
    const expected = counts.map((_, k) => (k === 0 ? N * (1 - r) + (N * r) / K : (N * r) / K));
    const chi2 = counts.reduce((acc, c, k) => acc + (c - expected[k]) ** 2 / expected[k], 0);
    expect(chi2).toBeLessThan(27.9);
  });

  it('rate 0 returns the labels unchanged', () => {
    const y = cyclicLabels(100, K);
    const rng = new Rng(5);
    const before = rng.state;
    const out = corruptLabels(y, 0, K, rng);
    expect(Array.from(out)).toEqual(Array.from(y));
    expect(rng.state).toBe(before); // no draws consumed
  });

  it('redraws the corruption on every call (successive batches differ) yet is deterministic per seed', () => {
    const y = cyclicLabels(1000, K);
    const rng = stream(9, 'labels', 'student-1');
    const first = corruptLabels(y, 0.3, K, rng);
    const second = corruptLabels(y, 0.3, K, rng);
    const mask = (o: Uint8Array) => Array.from(o, (l, i) => l !== y[i]);
    expect(mask(first)).not.toEqual(mask(second));
    expect(changedFraction(first, second)).toBeGreaterThan(0.2);

    const again = stream(9, 'labels', 'student-1');
    expect(Array.from(corruptLabels(y, 0.3, K, again))).toEqual(Array.from(first));
    expect(Array.from(corruptLabels(y, 0.3, K, again))).toEqual(Array.from(second));
  });
});

describe('effectiveFlipRate', () => {
  it('is r·(K−1)/K', () => {
    expect(effectiveFlipRate(0.2, 10)).toBeCloseTo(0.18, 12);
    expect(effectiveFlipRate(1, 2)).toBeCloseTo(0.5, 12);
    expect(effectiveFlipRate(0, 10)).toBe(0);
    expect(effectiveFlipRate(0.5, 4)).toBeCloseTo(0.375, 12);
  });
});

describe('labelFlips', () => {
  it('counts the samples whose label changed (a redraw onto the true class is no flip) and lists the first four', () => {
    const y = Uint8Array.from([1, 2, 3, 4, 5, 6, 7]);
    const used = Uint8Array.from([1, 0, 3, 9, 8, 7, 6]);
    expect(labelFlips(y, used)).toEqual({
      count: 5,
      examples: [
        { from: 2, to: 0 },
        { from: 4, to: 9 },
        { from: 5, to: 8 },
        { from: 6, to: 7 },
      ],
    });
    expect(labelFlips(y, y)).toEqual({ count: 0, examples: [] });
  });

  it('agrees with corruptLabels: its count is the changed fraction', () => {
    const y = cyclicLabels(1000, K);
    const out = corruptLabels(y, 0.4, K, new Rng(8));
    expect(labelFlips(y, out).count).toBe(Math.round(changedFraction(y, out) * 1000));
  });
});

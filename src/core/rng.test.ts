// Seeded RNG streams: determinism, tfjs-safe seeds, independent named streams, unbiased shuffles.
import { describe, expect, it } from 'vitest';
import { Rng, stream } from './rng';

const take = (r: Rng, n: number) => Array.from({ length: n }, () => r.nextU32());

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(take(new Rng(42), 20)).toEqual(take(new Rng(42), 20));
    expect(take(new Rng(42), 20)).not.toEqual(take(new Rng(43), 20));
  });

  it('state can be saved and restored', () => {
    const r = new Rng(9);
    take(r, 5);
    const s = r.state;
    const a = take(r, 5);
    r.state = s;
    expect(take(r, 5)).toEqual(a);
  });

  it('next() is in [0,1) with mean ≈ 1/2; int(n) is in [0,n) and roughly uniform', () => {
    const r = new Rng(1);
    let sum = 0;
    const counts = new Array(7).fill(0);
    const N = 70000;
    for (let i = 0; i < N; i++) {
      const v = r.next();
      if (v < 0 || v >= 1) throw new Error(`next() out of range: ${v}`);
      sum += v;
      counts[r.int(7)]++;
    }
    expect(Math.abs(sum / N - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / N));
    const e = N / 7;
    const chi2 = counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(22.5); // χ²(6), p ≈ 0.001
  });

  it('seed() is never 0 and always a valid positive int32 (tfjs ignores seed 0)', () => {
    for (const s0 of [0, 1, 2 ** 32 - 1, 123456789]) {
      const r = new Rng(s0);
      for (let i = 0; i < 20000; i++) {
        const s = r.seed();
        if (!(Number.isInteger(s) && s >= 1 && s <= 2 ** 31 - 1)) throw new Error(`bad seed ${s}`);
      }
    }
  });

  it('shuffle is an in-place permutation, deterministic per seed', () => {
    const a = Array.from({ length: 100 }, (_, i) => i);
    const out = new Rng(3).shuffle(a);
    expect(out).toBe(a);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    const b = new Rng(3).shuffle(Array.from({ length: 100 }, (_, i) => i));
    expect(b).toEqual(a);
    const typed = new Rng(3).shuffle(Int32Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(typed)).toEqual(a);
  });

  it('shuffle is unbiased: each element lands in each position about equally often', () => {
    const n = 4;
    const r = new Rng(17);
    const pos = Array.from({ length: n }, () => new Array(n).fill(0));
    const T = 8000;
    for (let t = 0; t < T; t++) {
      const a = r.shuffle([0, 1, 2, 3]);
      a.forEach((v, i) => pos[v][i]++);
    }
    for (const row of pos) for (const c of row) expect(Math.abs(c - T / n)).toBeLessThan(5 * Math.sqrt((T * 3) / 16));
  });
});

describe('stream', () => {
  it('is deterministic for (seed, name, owner)', () => {
    expect(take(stream(5, 'dropout', 'student-1'), 10)).toEqual(take(stream(5, 'dropout', 'student-1'), 10));
  });

  it('different names, owners and seeds give different, uncorrelated sequences', () => {
    const seqs = [
      stream(5, 'dropout', 'student-1'),
      stream(5, 'dropout', 'student-2'),
      stream(5, 'noise', 'student-1'),
      stream(5, 'labels', 'student-1'),
      stream(6, 'dropout', 'student-1'),
      stream(5, 'init', ''),
      stream(5, 'shuffle'),
    ].map((r) => take(r, 50));
    for (let i = 0; i < seqs.length; i++)
      for (let j = i + 1; j < seqs.length; j++) {
        const same = seqs[i].filter((v, k) => v === seqs[j][k]).length;
        expect(same, `streams ${i} and ${j} share values`).toBe(0);
      }
  });
});

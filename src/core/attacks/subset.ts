// Which test images an evaluation attacks: a seeded sample of the split (splits can be ordered by class, so a
// prefix would not be representative), sorted so batches read memory in order. Same seed, same subset.
import type { AttackEvalSpec } from '../config/schema';
import type { Split } from '../data/types';
import { stream } from '../rng';
import type { PgdSpec } from './types';

export function evalSubset(split: Split, n: number, seed: number): Int32Array {
  const all = Int32Array.from({ length: split.count }, (_, i) => i);
  if (n >= split.count) return all;
  return stream(seed, 'attack', 'subset').shuffle(all).slice(0, n).sort();
}

/** The config's evaluation attack as a PGD spec (L∞, random start). */
export function pgdOf(a: AttackEvalSpec): PgdSpec {
  return { kind: 'pgd', eps: a.eps, stepSize: a.stepSize, steps: a.steps, randomStart: true };
}

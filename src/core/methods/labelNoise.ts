// Messy Collaboration's label corruption, on the host: each sample is picked with probability r and its
// label replaced by a class drawn uniformly from all K classes (so the effective flip rate is r·(K−1)/K).
import type { Rng } from '../rng';

export function corruptLabels(labels: Uint8Array, rate: number, K: number, rng: Rng): Uint8Array {
  if (rate <= 0) return labels;
  const out = labels.slice();
  for (let i = 0; i < out.length; i++) if (rng.next() < rate) out[i] = rng.int(K);
  return out;
}

export function effectiveFlipRate(rate: number, K: number): number {
  return (rate * (K - 1)) / K;
}

/** The samples whose CE label differs from the true one: how many, and the first `max` as true → used. */
export function labelFlips(
  trueLabels: ArrayLike<number>,
  used: ArrayLike<number>,
  max = 4,
): { count: number; examples: { from: number; to: number }[] } {
  let count = 0;
  const examples: { from: number; to: number }[] = [];
  for (let i = 0; i < trueLabels.length; i++) {
    if (trueLabels[i] === used[i]) continue;
    count++;
    if (examples.length < max) examples.push({ from: trueLabels[i], to: used[i] });
  }
  return { count, examples };
}

// Seeded stratified split: each class keeps its share in both train and test.
import { stream } from '../rng';
import type { Split } from './types';

export function stratifiedSplit(
  all: Split,
  imageBytes: number,
  numClasses: number,
  trainSize: number,
  testSize: number,
  seed: number,
): { train: Split; test: Split } {
  if (trainSize + testSize > all.count) {
    throw new Error(`asked for ${trainSize} train + ${testSize} test images but the data set has ${all.count}`);
  }
  const rng = stream(seed, 'split');
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < all.count; i++) byClass[all.labels[i]].push(i);
  byClass.forEach((idx) => rng.shuffle(idx));
  const testIdx = takeProportional(byClass, testSize, 0);
  const trainIdx = takeProportional(byClass, trainSize, testIdx.perClass);
  // Interleave classes so that a prefix of the split is still balanced.
  return {
    train: gather(all, rng.shuffle(trainIdx.indices), imageBytes),
    test: gather(all, testIdx.indices, imageBytes),
  };
}

/**
 * Largest-remainder allocation of n across classes in proportion to what each has left after `offset`
 * (so train + test can use every image: each class's share never exceeds what remains of it).
 */
function takeProportional(byClass: number[][], n: number, offset: number | number[]) {
  const left0 = byClass.map((c, i) => c.length - (typeof offset === 'number' ? offset : offset[i]));
  const remaining = left0.reduce((a, b) => a + b, 0);
  const quotas = left0.map((l) => (remaining ? (l * n) / remaining : 0));
  const counts = quotas.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k][1]]++;
  const indices: number[] = [];
  const perClass = counts.map((cnt, c) => {
    const start = typeof offset === 'number' ? offset : offset[c];
    indices.push(...byClass[c].slice(start, start + cnt));
    return start + cnt;
  });
  return { indices, perClass };
}

/** The images at `idx`, copied in that order. */
export function gather(all: Split, idx: number[], imageBytes: number): Split {
  const images = new Uint8Array(idx.length * imageBytes);
  const labels = new Uint8Array(idx.length);
  idx.forEach((src, dst) => {
    images.set(all.images.subarray(src * imageBytes, (src + 1) * imageBytes), dst * imageBytes);
    labels[dst] = all.labels[src];
  });
  return { images, labels, count: idx.length };
}

// Batch assembly on the CPU from uint8 pixels: no dataset-sized tensors on the GPU, fixed batch shapes.
import type { Augment } from '../config/schema';
import type { Rng } from '../rng';
import { drawPlacement, placeImage } from './augment';
import type { Dataset, Split } from './types';
import { imageSize } from './types';

export interface HostBatch {
  x: Float32Array; // B × H × W × C in [0,1]
  y: Uint8Array; // B labels
  size: number;
}

/** Assembles a batch; with `augment` (training batches only), each image gets its own seeded crop/flip. */
export function hostBatch(
  split: Split,
  indices: ArrayLike<number>,
  start: number,
  size: number,
  d: Dataset,
  augment?: { mode: Augment; rng: Rng },
): HostBatch {
  const n = imageSize(d);
  const x = new Float32Array(size * n);
  const y = new Uint8Array(size);
  const aug = augment && augment.mode !== 'none' ? augment : null;
  for (let b = 0; b < size; b++) {
    const src = indices[start + b];
    const off = src * n;
    const dst = b * n;
    if (aug) placeImage(split.images, off, x, dst, d.height, d.width, d.channels, drawPlacement(aug.mode, aug.rng));
    else for (let j = 0; j < n; j++) x[dst + j] = split.images[off + j] * (1 / 255);
    y[b] = split.labels[src];
  }
  return { x, y, size };
}

/** One-hot rows for labels (float32). */
export function oneHot(labels: ArrayLike<number>, K: number): Float32Array {
  const out = new Float32Array(labels.length * K);
  for (let i = 0; i < labels.length; i++) out[i * K + labels[i]] = 1;
  return out;
}

export function range(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

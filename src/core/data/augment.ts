// The paper's CIFAR augmentation on host pixels, per training image: random crop of the 4-pixel zero-padded
// image (equivalently a shift by dy, dx ∈ [-4, 4] with zero fill) and a horizontal flip with probability 1/2.
// Done while a batch is assembled from uint8, so it costs no extra pass and no GPU memory.
import type { Augment } from '../config/schema';
import type { Rng } from '../rng';

export const CROP_PAD = 4;

export interface Placement {
  dy: number;
  dx: number;
  flip: boolean;
}

export function drawPlacement(mode: Augment, rng: Rng): Placement {
  if (mode === 'none') return { dy: 0, dx: 0, flip: false };
  const dy = rng.int(2 * CROP_PAD + 1) - CROP_PAD;
  const dx = rng.int(2 * CROP_PAD + 1) - CROP_PAD;
  return { dy, dx, flip: mode === 'crop-flip' && rng.next() < 0.5 };
}

/**
 * Writes image `src` (uint8 HWC at srcOff) shifted/flipped into `dst` (float [0,1] at dstOff):
 * out(r, c) = in(r + dy, c' + dx) with c' = W-1-c when flipped, 0 outside the image.
 */
export function placeImage(
  src: Uint8Array,
  srcOff: number,
  dst: Float32Array,
  dstOff: number,
  H: number,
  W: number,
  C: number,
  p: Placement,
): void {
  const scale = 1 / 255;
  for (let r = 0; r < H; r++) {
    const sr = r + p.dy;
    const rowOut = dstOff + r * W * C;
    if (sr < 0 || sr >= H) {
      dst.fill(0, rowOut, rowOut + W * C);
      continue;
    }
    const rowIn = srcOff + sr * W * C;
    for (let c = 0; c < W; c++) {
      const sc = (p.flip ? W - 1 - c : c) + p.dx;
      const o = rowOut + c * C;
      if (sc < 0 || sc >= W) {
        for (let k = 0; k < C; k++) dst[o + k] = 0;
      } else {
        const i = rowIn + sc * C;
        for (let k = 0; k < C; k++) dst[o + k] = src[i + k] * scale;
      }
    }
  }
}

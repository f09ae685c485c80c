import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { CROP_PAD, drawPlacement, placeImage } from './augment';
import { hostBatch } from './batches';
import type { Dataset } from './types';

// A 3×4×2 image whose value encodes its position: v = 10·(r·W + c) + k.
const H = 3,
  W = 4,
  C = 2;
const src = Uint8Array.from({ length: H * W * C }, (_, i) => 10 * Math.floor(i / C) + (i % C));
const at = (img: Float32Array, r: number, c: number, k: number) => Math.round(img[(r * W + c) * C + k] * 255);

describe('augment', () => {
  it('identity placement copies and scales to [0,1]', () => {
    const out = new Float32Array(H * W * C);
    placeImage(src, 0, out, 0, H, W, C, { dy: 0, dx: 0, flip: false });
    expect(Array.from(out, (v) => Math.round(v * 255))).toEqual(Array.from(src));
  });

  it('shifts with zero fill: out(r,c) = in(r+dy, c+dx)', () => {
    const out = new Float32Array(H * W * C).fill(-1);
    placeImage(src, 0, out, 0, H, W, C, { dy: 1, dx: -1, flip: false });
    expect(at(out, 0, 1, 1)).toBe(10 * (1 * W + 0) + 1);
    expect(at(out, 1, 3, 0)).toBe(10 * (2 * W + 2));
    expect(at(out, 0, 0, 0)).toBe(0); // column -1 is padding
    expect(at(out, 2, 2, 1)).toBe(0); // row 3 is padding
    expect(out.every((v) => v >= 0)).toBe(true);
  });

  it('flips horizontally: out(r,c) = in(r, W-1-c)', () => {
    const out = new Float32Array(H * W * C);
    placeImage(src, 0, out, 0, H, W, C, { dy: 0, dx: 0, flip: true });
    for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) expect(at(out, r, c, 1)).toBe(10 * (r * W + W - 1 - c) + 1);
  });

  it('draws shifts within ±4 pixels, flips about half the time, deterministically per seed', () => {
    const a = new Rng(7),
      b = new Rng(7);
    let flips = 0;
    for (let i = 0; i < 2000; i++) {
      const p = drawPlacement('crop-flip', a);
      expect(p).toEqual(drawPlacement('crop-flip', b));
      expect(Math.abs(p.dy)).toBeLessThanOrEqual(CROP_PAD);
      expect(Math.abs(p.dx)).toBeLessThanOrEqual(CROP_PAD);
      if (p.flip) flips++;
    }
    expect(flips / 2000).toBeGreaterThan(0.45);
    expect(flips / 2000).toBeLessThan(0.55);
    expect(drawPlacement('crop', new Rng(3)).flip).toBe(false);
    expect(drawPlacement('none', new Rng(3))).toEqual({ dy: 0, dx: 0, flip: false });
  });

  it('hostBatch applies a different placement per image and leaves the source untouched', () => {
    const n = 16;
    const images = new Uint8Array(n * H * W * C);
    for (let i = 0; i < n; i++) images.set(src, i * src.length);
    const before = images.slice();
    const d = { height: H, width: W, channels: C } as Dataset;
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    const split = { images, labels: new Uint8Array(n), count: n };
    const plain = hostBatch(split, idx, 0, n, d);
    const aug = hostBatch(split, idx, 0, n, d, { mode: 'crop-flip', rng: new Rng(11) });
    const again = hostBatch(split, idx, 0, n, d, { mode: 'crop-flip', rng: new Rng(11) });
    expect(aug.x).toEqual(again.x);
    const size = H * W * C;
    const distinct = new Set(Array.from({ length: n }, (_, i) => aug.x.subarray(i * size, (i + 1) * size).join()));
    expect(distinct.size).toBeGreaterThan(4);
    expect(plain.x.subarray(0, size)).toEqual(Float32Array.from(src, (v) => v / 255));
    expect(images).toEqual(before);
  });
});

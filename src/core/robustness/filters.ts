// Spatial filters on one host image (H×W×C, row-major NHWC without the N): the defocus disk kernel, 2-D
// correlation with OpenCV's default border (reflect-101), and PIL's BOX resize used by pixelate.

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/** Mirror index without repeating the edge (OpenCV BORDER_REFLECT_101). */
function reflect101(i: number, n: number): number {
  if (n === 1) return 0;
  while (i < 0 || i >= n) i = i < 0 ? -i : 2 * n - 2 - i;
  return i;
}

/**
 * Hendrycks & Dietterich's disk(): a binary disk of the given radius on a 17×17 grid, normalised, smoothed by a
 * 3×3 Gaussian of σ = aliasBlur (anti-aliasing), then cropped to its non-zero support.
 */
export function diskKernel(radius: number, aliasBlur: number): { k: Float64Array; size: number } {
  const N = 17;
  const R = 8;
  const disk = new Float64Array(N * N);
  let sum = 0;
  for (let y = -R; y <= R; y++)
    for (let x = -R; x <= R; x++)
      if (x * x + y * y <= radius * radius) {
        disk[(y + R) * N + (x + R)] = 1;
        sum++;
      }
  for (let i = 0; i < disk.length; i++) disk[i] /= sum;
  const e = Math.exp(-1 / (2 * aliasBlur * aliasBlur));
  const g = [e / (1 + 2 * e), 1 / (1 + 2 * e), e / (1 + 2 * e)];
  const blurred = correlate(correlate(disk, N, N, g, 3, 1), N, N, g, 1, 3);
  // Crop to the support (outside it the kernel is exactly zero).
  let r = 0;
  for (let y = 0; y < N; y++)
    for (let x = 0; x < N; x++) if (blurred[y * N + x] > 0) r = Math.max(r, Math.abs(y - R), Math.abs(x - R));
  const size = 2 * r + 1;
  const k = new Float64Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) k[y * size + x] = blurred[(y + R - r) * N + (x + R - r)];
  return { k, size };
}

/** One-channel correlation with a kw×kh kernel (centred), reflect-101 borders. */
function correlate(
  src: Float64Array,
  w: number,
  h: number,
  k: ArrayLike<number>,
  kw: number,
  kh: number,
): Float64Array {
  const out = new Float64Array(w * h);
  const rx = (kw - 1) / 2;
  const ry = (kh - 1) / 2;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let j = 0; j < kh; j++) {
        const yy = reflect101(y + j - ry, h);
        for (let i = 0; i < kw; i++) s += k[j * kw + i] * src[yy * w + reflect101(x + i - rx, w)];
      }
      out[y * w + x] = s;
    }
  return out;
}

/** Each channel correlated with a square kernel (cv2.filter2D per channel). */
export function filterImage(img: Float32Array, s: ImageShape, k: Float64Array, size: number): Float32Array {
  const { height: H, width: W, channels: C } = s;
  const out = new Float32Array(img.length);
  const plane = new Float64Array(H * W);
  for (let c = 0; c < C; c++) {
    for (let p = 0; p < H * W; p++) plane[p] = img[p * C + c];
    const f = correlate(plane, W, H, k, size, size);
    for (let p = 0; p < H * W; p++) out[p * C + c] = f[p];
  }
  return out;
}

/** PIL's BOX resampling weights along one axis: for each output index, its input indices and weights. */
function boxWeights(inSize: number, outSize: number): { idx: number[]; w: number[] }[] {
  const scale = inSize / outSize;
  const filterscale = Math.max(scale, 1);
  const support = 0.5 * filterscale;
  const box = (t: number) => (t > -0.5 && t <= 0.5 ? 1 : 0);
  return Array.from({ length: outSize }, (_, i) => {
    const center = (i + 0.5) * scale;
    const lo = Math.max(0, Math.trunc(center - support + 0.5));
    const hi = Math.min(inSize, Math.trunc(center + support + 0.5));
    const idx: number[] = [];
    const w: number[] = [];
    for (let j = lo; j < hi; j++) {
      const v = box((j - center + 0.5) / filterscale);
      if (v > 0) {
        idx.push(j);
        w.push(v);
      }
    }
    const total = w.reduce((a, b) => a + b, 0);
    return { idx, w: w.map((v) => v / total) };
  });
}

/** Separable BOX resize of an H×W×C image to outH×outW (PIL's Image.resize(..., BOX), without 8-bit rounding). */
export function boxResize(img: Float32Array, s: ImageShape, outH: number, outW: number): Float32Array {
  const { height: H, width: W, channels: C } = s;
  const wx = boxWeights(W, outW);
  const wy = boxWeights(H, outH);
  const tmp = new Float64Array(H * outW * C);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < outW; x++)
      for (let c = 0; c < C; c++) {
        let v = 0;
        wx[x].idx.forEach((j, t) => (v += wx[x].w[t] * img[(y * W + j) * C + c]));
        tmp[(y * outW + x) * C + c] = v;
      }
  const out = new Float32Array(outH * outW * C);
  for (let y = 0; y < outH; y++)
    for (let x = 0; x < outW; x++)
      for (let c = 0; c < C; c++) {
        let v = 0;
        wy[y].idx.forEach((j, t) => (v += wy[y].w[t] * tmp[(j * outW + x) * C + c]));
        out[(y * outW + x) * C + c] = v;
      }
  return out;
}

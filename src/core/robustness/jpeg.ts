// JPEG-like compression without the entropy coder (which is lossless): 8-bit input, YCbCr (JFIF) for colour,
// 8×8 block DCT, coefficients quantised with the standard tables scaled to the quality as libjpeg does, inverse
// DCT, 8-bit output. Simplification vs PIL's encoder: no 4:2:0 chroma subsampling (colour images lose a bit
// less than in CIFAR-10-C at the same quality); edge blocks are padded by repeating the last row / column.
import type { ImageShape } from './filters';

// ITU-T T.81 Annex K, row-major.
const LUMA = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
  87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101,
  72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  99,
  99,
  99,
  ...new Array(32).fill(99),
];

/** libjpeg's jpeg_quality_scaling + jpeg_add_quant_table (baseline: entries in 1..255). */
export function quantTable(base: readonly number[], quality: number): Float64Array {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? 5000 / q : 200 - 2 * q;
  return Float64Array.from(base, (v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
}

// DCT-II basis: COS[u*8 + x] = α(u)·cos((2x+1)uπ/16).
const COS = Float64Array.from({ length: 64 }, (_, i) => {
  const u = Math.floor(i / 8);
  const x = i % 8;
  return (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
});

/** In-place quantisation round trip of one 8×8 block (values level-shifted to −128..127). */
function roundTripBlock(b: Float64Array, q: Float64Array, tmp: Float64Array, f: Float64Array): void {
  // F = COS · B · COSᵀ
  for (let u = 0; u < 8; u++)
    for (let x = 0; x < 8; x++) {
      let s = 0;
      for (let y = 0; y < 8; y++) s += COS[u * 8 + y] * b[y * 8 + x];
      tmp[u * 8 + x] = s;
    }
  for (let u = 0; u < 8; u++)
    for (let v = 0; v < 8; v++) {
      let s = 0;
      for (let x = 0; x < 8; x++) s += tmp[u * 8 + x] * COS[v * 8 + x];
      f[u * 8 + v] = Math.round(s / q[u * 8 + v]) * q[u * 8 + v];
    }
  // B = COSᵀ · F · COS
  for (let y = 0; y < 8; y++)
    for (let v = 0; v < 8; v++) {
      let s = 0;
      for (let u = 0; u < 8; u++) s += COS[u * 8 + y] * f[u * 8 + v];
      tmp[y * 8 + v] = s;
    }
  for (let y = 0; y < 8; y++)
    for (let x = 0; x < 8; x++) {
      let s = 0;
      for (let v = 0; v < 8; v++) s += tmp[y * 8 + v] * COS[v * 8 + x];
      b[y * 8 + x] = s;
    }
}

/** Quantisation round trip of one plane (0..255 values), in place. */
function roundTripPlane(p: Float64Array, W: number, H: number, q: Float64Array): void {
  const blk = new Float64Array(64);
  const tmp = new Float64Array(64);
  const f = new Float64Array(64);
  for (let by = 0; by < H; by += 8)
    for (let bx = 0; bx < W; bx += 8) {
      for (let y = 0; y < 8; y++)
        for (let x = 0; x < 8; x++) blk[y * 8 + x] = p[Math.min(H - 1, by + y) * W + Math.min(W - 1, bx + x)] - 128;
      roundTripBlock(blk, q, tmp, f);
      for (let y = 0; y < 8 && by + y < H; y++)
        for (let x = 0; x < 8 && bx + x < W; x++) p[(by + y) * W + bx + x] = blk[y * 8 + x] + 128;
    }
}

const to8 = (v: number) => Math.min(255, Math.max(0, Math.round(v)));

export function jpegLike(img: Float32Array, s: ImageShape, quality: number): Float32Array {
  const { height: H, width: W, channels: C } = s;
  const n = H * W;
  const out = new Float32Array(img.length);
  const qy = quantTable(LUMA, quality);
  if (C !== 3) {
    // Every channel as its own luminance plane (grey images).
    const p = new Float64Array(n);
    for (let c = 0; c < C; c++) {
      for (let i = 0; i < n; i++) p[i] = to8(img[i * C + c] * 255);
      roundTripPlane(p, W, H, qy);
      for (let i = 0; i < n; i++) out[i * C + c] = to8(p[i]) / 255;
    }
    return out;
  }
  const qc = quantTable(CHROMA, quality);
  const Y = new Float64Array(n);
  const Cb = new Float64Array(n);
  const Cr = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = to8(img[i * 3] * 255);
    const g = to8(img[i * 3 + 1] * 255);
    const b = to8(img[i * 3 + 2] * 255);
    Y[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    Cb[i] = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
    Cr[i] = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
  }
  roundTripPlane(Y, W, H, qy);
  roundTripPlane(Cb, W, H, qc);
  roundTripPlane(Cr, W, H, qc);
  for (let i = 0; i < n; i++) {
    out[i * 3] = to8(Y[i] + 1.402 * (Cr[i] - 128)) / 255;
    out[i * 3 + 1] = to8(Y[i] - 0.344136 * (Cb[i] - 128) - 0.714136 * (Cr[i] - 128)) / 255;
    out[i * 3 + 2] = to8(Y[i] + 1.772 * (Cb[i] - 128)) / 255;
  }
  return out;
}

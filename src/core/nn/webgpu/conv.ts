// Convolution gradients as implicit GEMMs in WGSL (NHWC, HWIO filters, TensorFlow 'same' padding).
import type * as tf from '@tensorflow/tfjs-core';
import { samePad } from '../ops/conv';
import { runGemm, type GemmOpts } from './gemm';
import { webgpuBackend } from './program';

export interface ConvInputOpts extends GemmOpts {
  /** Stride 2: one GEMM per output parity class (default true). */
  subPixel?: boolean;
}

/**
 * Stride-2 parity class z = 2·py + px holds the pixels (iy, ix) ≡ (py, px) mod 2; the taps reaching them
 * are ky ≡ py + pt, kx ≡ px + pl (mod 2), so (iy + pt − ky)/2 is exact. m runs over (b, iy/2, ix/2) and
 * k over (ky index, kx index, co) of those taps.
 */
function subPixelLoaders(consts: string, B: number, kh: number): string {
  return `${consts}
  const KH = ${kh}; const B = ${B};
  struct Cls { py : i32, px : i32, hy : i32, wx : i32, ky0 : i32, kx0 : i32, nky : i32, nkx : i32 };
  fn cls(z : i32) -> Cls {
    let py = z / 2; let px = z % 2;
    let ky0 = (py + PT) % 2; let kx0 = (px + PL) % 2;
    return Cls(py, px, (H - py + 1) / 2, (W - px + 1) / 2, ky0, kx0, (KH - ky0 + 1) / 2, (KW - kx0 + 1) / 2);
  }
  fn batchM(z : i32) -> i32 { let c = cls(z); return B * c.hy * c.wx; }
  fn batchK(z : i32) -> i32 { let c = cls(z); return c.nky * c.nkx * CO; }
  fn pixel(c : Cls, m : i32) -> vec3<i32> {
    let r = m % (c.hy * c.wx);
    return vec3<i32>(m / (c.hy * c.wx), c.py + 2 * (r / c.wx), c.px + 2 * (r % c.wx));
  }
  fn outIndex(z : i32, m : i32, n : i32) -> i32 {
    let p = pixel(cls(z), m);
    return ((p.x * H + p.y) * W + p.z) * CI + n;
  }
  fn loadA(z : i32, m : i32, k : i32) -> f32 {
    let c = cls(z); let p = pixel(c, m);
    let co = k % CO; let t = k / CO;
    let ky = c.ky0 + 2 * (t / c.nkx); let kx = c.kx0 + 2 * (t % c.nkx);
    let ys = p.y + PT - ky; let xs = p.z + PL - kx;
    if (ys < 0 || xs < 0) { return 0.0; }
    let oy = ys / 2; let ox = xs / 2;
    if (oy >= HO || ox >= WO) { return 0.0; }
    return dy[((p.x * HO + oy) * WO + ox) * CO + co];
  }
  fn loadB(z : i32, k : i32, n : i32) -> f32 {
    let c = cls(z);
    let co = k % CO; let t = k / CO;
    let ky = c.ky0 + 2 * (t / c.nkx); let kx = c.kx0 + 2 * (t % c.nkx);
    return w[((ky * KW + kx) * CI + n) * CO + co];
  }`;
}

function checkConv(op: string, kh: number, kw: number, stride: number): void {
  if (![1, 2].includes(stride)) throw new Error(`${op}: stride ${stride} unsupported (1 or 2)`);
  if (kh < 1 || kw < 1) throw new Error(`${op}: bad kernel ${kh}×${kw}`);
}

/**
 * dW[ky,kx,ci,co] = Σ_{b,oy,ox} x[b, oy·s+ky−pt, ox·s+kx−pl, ci] · dy[b,oy,ox,co]:
 * GEMM with M = kh·kw·Ci (rows read as runs of ci), N = Co, K = B·Ho·Wo, split over K.
 */
export function convFilterGradWgsl(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  kh: number,
  kw: number,
  stride: number,
  opts?: GemmOpts,
): tf.Tensor4D {
  const backend = webgpuBackend('convFilterGradWgsl');
  checkConv('convFilterGradWgsl', kh, kw, stride);
  const [B, H, W, CI] = x.shape;
  const [B2, HO, WO, CO] = dy.shape;
  const ph = samePad(H, kh, stride);
  const pw = samePad(W, kw, stride);
  if (B2 !== B || HO !== ph.out || WO !== pw.out) throw new Error(`convFilterGradWgsl: dy ${dy.shape} vs x ${x.shape}`);
  const consts = `const H = ${H}; const W = ${W}; const CI = ${CI}; const HO = ${HO}; const WO = ${WO};
  const CO = ${CO}; const KW = ${kw}; const S = ${stride}; const PT = ${ph.before}; const PL = ${pw.before};`;
  const loaders = `${consts}
  fn loadA(z : i32, m : i32, k : i32) -> f32 {
    let ci = m % CI; let kx = (m / CI) % KW; let ky = m / (CI * KW);
    let ox = k % WO; let oy = (k / WO) % HO; let b = k / (WO * HO);
    let iy = oy * S + ky - PT; let ix = ox * S + kx - PL;
    if (iy < 0 || iy >= H || ix < 0 || ix >= W) { return 0.0; }
    return x[((b * H + iy) * W + ix) * CI + ci];
  }
  fn loadB(z : i32, k : i32, n : i32) -> f32 { return dy[k * CO + n]; }`;
  return runGemm(
    backend,
    {
      key: `dw_${B}_${H}_${W}_${CI}_${CO}_${kh}_${kw}_${stride}`,
      M: kh * kw * CI,
      N: CO,
      K: B * HO * WO,
      inputs: ['x', 'dy'],
      loaders,
      aFastM: true,
      bFastN: true,
      outShape: [kh, kw, CI, CO],
    },
    [x, dy],
    opts,
  ) as tf.Tensor4D;
}

/**
 * dX[b,iy,ix,ci] = Σ_{ky,kx,co} dy[b, (iy+pt−ky)/s, (ix+pl−kx)/s, co] · w[ky,kx,ci,co] (terms whose division
 * is inexact or out of range vanish): GEMM with M = B·H·W, N = Ci, K = kh·kw·Co (read as runs of co).
 * Stride 2 by default splits the output into its four parity classes (grid z), each a GEMM over only the
 * taps that reach it (K ≈ kh·kw·Co/4): without that 3/4 of the K loop multiplies vanished terms.
 */
export function convInputGradWgsl(
  dy: tf.Tensor4D,
  w: tf.Tensor4D,
  xShape: [number, number, number, number],
  stride: number,
  opts?: ConvInputOpts,
): tf.Tensor4D {
  const backend = webgpuBackend('convInputGradWgsl');
  const [kh, kw, CI, CO] = w.shape;
  checkConv('convInputGradWgsl', kh, kw, stride);
  const [B, H, W, CI2] = xShape;
  const [B2, HO, WO, CO2] = dy.shape;
  const ph = samePad(H, kh, stride);
  const pw = samePad(W, kw, stride);
  if (CI2 !== CI || CO2 !== CO || B2 !== B || HO !== ph.out || WO !== pw.out) {
    throw new Error(`convInputGradWgsl: dy ${dy.shape}, w ${w.shape}, x ${xShape}`);
  }
  const consts = `const H = ${H}; const W = ${W}; const CI = ${CI}; const HO = ${HO}; const WO = ${WO};
  const CO = ${CO}; const KW = ${kw}; const S = ${stride}; const PT = ${ph.before}; const PL = ${pw.before};`;
  if (stride === 2 && opts?.subPixel !== false) {
    return runGemm(
      backend,
      {
        key: `dxsp_${B}_${H}_${W}_${CI}_${CO}_${kh}_${kw}`,
        M: B * Math.ceil(H / 2) * Math.ceil(W / 2),
        N: CI,
        K: Math.ceil(kh / 2) * Math.ceil(kw / 2) * CO,
        inputs: ['dy', 'w'],
        loaders: subPixelLoaders(consts, B, kh),
        aFastM: false,
        bFastN: false,
        outShape: [B, H, W, CI],
        batched: { count: 4, code: '' },
      },
      [dy, w],
      opts,
    ) as tf.Tensor4D;
  }
  const loaders = `${consts}
  fn loadA(z : i32, m : i32, k : i32) -> f32 {
    let ix = m % W; let iy = (m / W) % H; let b = m / (W * H);
    let co = k % CO; let kx = (k / CO) % KW; let ky = k / (CO * KW);
    let ys = iy + PT - ky; let xs = ix + PL - kx;
    if (ys < 0 || xs < 0 || ys % S != 0 || xs % S != 0) { return 0.0; }
    let oy = ys / S; let ox = xs / S;
    if (oy >= HO || ox >= WO) { return 0.0; }
    return dy[((b * HO + oy) * WO + ox) * CO + co];
  }
  fn loadB(z : i32, k : i32, n : i32) -> f32 {
    let co = k % CO; let kyx = k / CO;
    return w[(kyx * CI + n) * CO + co];
  }`;
  return runGemm(
    backend,
    {
      key: `dx_${B}_${H}_${W}_${CI}_${CO}_${kh}_${kw}_${stride}`,
      M: B * H * W,
      N: CI,
      K: kh * kw * CO,
      inputs: ['dy', 'w'],
      loaders,
      aFastM: false,
      bFastN: false,
      outShape: [B, H, W, CI],
    },
    [dy, w],
    opts,
  ) as tf.Tensor4D;
}

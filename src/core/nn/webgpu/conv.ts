// Convolution gradients as implicit GEMMs in WGSL (NHWC, HWIO filters, TensorFlow 'same' padding).
import type * as tf from '@tensorflow/tfjs-core';
import { samePad } from '../ops/conv';
import { runGemm, type GemmOpts } from './gemm';
import { webgpuBackend } from './program';

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
  fn loadA(m : i32, k : i32) -> f32 {
    let ci = m % CI; let kx = (m / CI) % KW; let ky = m / (CI * KW);
    let ox = k % WO; let oy = (k / WO) % HO; let b = k / (WO * HO);
    let iy = oy * S + ky - PT; let ix = ox * S + kx - PL;
    if (iy < 0 || iy >= H || ix < 0 || ix >= W) { return 0.0; }
    return x[((b * H + iy) * W + ix) * CI + ci];
  }
  fn loadB(k : i32, n : i32) -> f32 { return dy[k * CO + n]; }`;
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
 * Stride 2 spends 3/4 of its K loop on vanished terms; a sub-pixel split would avoid that (not done).
 */
export function convInputGradWgsl(
  dy: tf.Tensor4D,
  w: tf.Tensor4D,
  xShape: [number, number, number, number],
  stride: number,
  opts?: GemmOpts,
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
  const loaders = `${consts}
  fn loadA(m : i32, k : i32) -> f32 {
    let ix = m % W; let iy = (m / W) % H; let b = m / (W * H);
    let co = k % CO; let kx = (k / CO) % KW; let ky = k / (CO * KW);
    let ys = iy + PT - ky; let xs = ix + PL - kx;
    if (ys < 0 || xs < 0 || ys % S != 0 || xs % S != 0) { return 0.0; }
    let oy = ys / S; let ox = xs / S;
    if (oy >= HO || ox >= WO) { return 0.0; }
    return dy[((b * HO + oy) * WO + ox) * CO + co];
  }
  fn loadB(k : i32, n : i32) -> f32 {
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

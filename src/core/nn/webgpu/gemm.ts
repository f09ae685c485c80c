// A tiled GEMM shader generator (C[M,N] = Σ_k A[m,k]·B[k,n]) whose operands are read through generated load
// functions, so convolution gradients run as implicit GEMMs without an im2col buffer. 16×16 threads, each
// computing RM×RN outputs strided by 16 (conflict-free shared reads, coalesced writes); K is walked in tiles
// of 16 through workgroup memory. With split-K each z-slice of the grid sums one K range into
// partial[z, M, N] and a second small pass adds the slices.
import type * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { MAIN, MAX_GROUPS, WG, flatDispatch, runProgram } from './program';

export const TK = 16;

export interface GemmOpts {
  /** Outputs per thread along M / N (tile = 16·r); chosen from the shape when absent. */
  rm?: 1 | 2 | 4 | 8;
  rn?: 1 | 2 | 4 | 8;
  /** Split-K count; chosen from the shape when absent. */
  splits?: number;
}

export interface GemmSpec {
  key: string;
  M: number;
  N: number;
  K: number;
  /** Input variable names, in the order the tensors are passed. */
  inputs: string[];
  /**
   * WGSL: `fn loadA(z: i32, m: i32, k: i32) -> f32` and `fn loadB(z: i32, k: i32, n: i32) -> f32`, called in
   * range only; z is the grid's z index (the split, or the batch entry in batched mode).
   */
  loaders: string;
  /**
   * Batched mode: grid z runs over `count` GEMMs of their own sizes (M, K up to the spec's M, K; N shared),
   * given by WGSL `fn batchM(z: i32) -> i32`, `fn batchK(z: i32) -> i32` and the output element
   * `fn outIndex(z: i32, m: i32, n: i32) -> i32` in `code`. No split-K then.
   */
  batched?: { count: number; code: string };
  /** Load order: true when consecutive m (A) / n (B) are adjacent in memory, false when consecutive k are. */
  aFastM: boolean;
  bFastN: boolean;
  outShape: number[];
}

// Larger register tiles read fewer shared words per FMA; 8 only where the dimension is long (dX's B·H·W).
const pickR = (d: number): 1 | 2 | 4 | 8 => (d >= 8192 ? 8 : d >= 64 ? 4 : d > 16 ? 2 : 1);

/** Enough workgroups to fill a large GPU (~256), each split keeping at least 16 K-tiles of work. */
export function chooseSplits(tiles: number, K: number): number {
  const byK = Math.max(1, Math.floor(K / (TK * 16)));
  return Math.max(1, Math.min(64, Math.ceil(256 / tiles), byK));
}

export function gemmPlan(M: number, N: number, K: number, o: GemmOpts = {}) {
  const rm = o.rm ?? pickR(M);
  const rn = o.rn ?? pickR(N);
  const tm = 16 * rm;
  const tn = 16 * rn;
  const tiles = Math.ceil(M / tm) * Math.ceil(N / tn);
  let splits = Math.max(1, Math.min(o.splits ?? chooseSplits(tiles, K), Math.ceil(K / TK)));
  const ks = Math.ceil(K / splits / TK) * TK;
  splits = Math.ceil(K / ks);
  return { rm, rn, tm, tn, splits, ks };
}

function gemmCode(s: GemmSpec, p: ReturnType<typeof gemmPlan>): string {
  const { rm, rn, tm, tn, ks } = p;
  const bt = s.batched;
  const loadTile = (name: string, rows: number, fastOuter: boolean, call: (o: string, k: string) => string) => {
    // `rows` = tile extent of the non-K dimension; rows·TK/256 loads per thread.
    const per = (rows * TK) / WG;
    const lines: string[] = [];
    for (let i = 0; i < per; i++) {
      const e = `(t + ${i * WG})`;
      const [ol, kl] = fastOuter ? [`${e} % ${rows}`, `${e} / ${rows}`] : [`${e} / ${TK}`, `${e} % ${TK}`];
      lines.push(`{
        let ol = ${ol}; let kl = ${kl};
        let o = ${name === 'As' ? 'm0' : 'n0'} + ol; let k = k0 + kl;
        var v = 0.0;
        if (o < ${name === 'As' ? 'gm' : 'GN'} && k < kEnd) { v = ${call('o', 'k')}; }
        ${name}[kl * ${rows + 1} + ol] = v;
      }`);
    }
    return lines.join('\n');
  };
  const accDecl: string[] = [];
  const fmas: string[] = [];
  const writes: string[] = [];
  for (let i = 0; i < rm; i++) fmas.push(`let a${i} = As[kk * ${tm + 1} + ty + ${16 * i}];`);
  for (let j = 0; j < rn; j++) {
    fmas.push(`let b${j} = Bs[kk * ${tn + 1} + tx + ${16 * j}];`);
    for (let i = 0; i < rm; i++) {
      accDecl.push(`var c${i}_${j} = 0.0;`);
      fmas.push(`c${i}_${j} = fma(a${i}, b${j}, c${i}_${j});`);
      writes.push(`{ let m = m0 + ty + ${16 * i}; let n = n0 + tx + ${16 * j};
        if (m < gm && n < GN) { result[${bt ? 'outIndex(z, m, n)' : '(z * GM + m) * GN + n'}] = c${i}_${j}; } }`);
    }
  }
  return `
  const GM = ${s.M}; const GN = ${s.N}; const GK = ${s.K}; const KS = ${ks}; const NT = ${ks / TK};
  // Rows padded by one word: k-fast loads store 16 consecutive k per half-warp without bank conflicts.
  var<workgroup> As : array<f32, ${TK * (tm + 1)}>;
  var<workgroup> Bs : array<f32, ${TK * (tn + 1)}>;
  ${s.loaders}
  ${bt?.code ?? ''}
  ${MAIN} {
    let tx = i32(localId.x); let ty = i32(localId.y); let t = ty * 16 + tx;
    let n0 = i32(workgroupId.x) * ${tn}; let m0 = i32(workgroupId.y) * ${tm}; let z = i32(workgroupId.z);
    ${bt ? 'let gm = batchM(z); let kBeg = 0; let kEnd = batchK(z);' : 'let gm = GM; let kBeg = z * KS; let kEnd = min(kBeg + KS, GK);'}
    ${accDecl.join(' ')}
    // Constant trip count keeps the barriers in uniform control flow; the tail tile loads zeros.
    for (var kt = 0; kt < NT; kt++) {
      let k0 = kBeg + kt * ${TK};
      ${loadTile('As', tm, s.aFastM, (o, k) => `loadA(z, ${o}, ${k})`)}
      ${loadTile('Bs', tn, s.bFastN, (o, k) => `loadB(z, ${k}, ${o})`)}
      workgroupBarrier();
      for (var kk = 0; kk < ${TK}; kk++) {
        ${fmas.join('\n        ')}
      }
      workgroupBarrier();
    }
    ${writes.join('\n    ')}
  }`;
}

/** Sums partial[S, size] over S into an output of `outShape`. */
export function splitSum(backend: WebGPUBackend, partial: tf.Tensor, S: number, outShape: number[]): tf.Tensor {
  const size = outShape.reduce((a, b) => a * b, 1);
  return runProgram(
    backend,
    {
      key: `splitsum_${S}_${size}`,
      inputs: ['partial'],
      outputShape: outShape,
      dispatch: flatDispatch(size),
      code: `
  ${MAIN} {
    for (var i = i32(workgroupId.x) * ${WG} + i32(localId.x); i < ${size}; i += i32(numWorkgroups.x) * ${WG}) {
      var s = 0.0;
      for (var z = 0; z < ${S}; z++) { s += partial[z * ${size} + i]; }
      result[i] = s;
    }
  }`,
    },
    [partial],
  );
}

/** Runs the GEMM (and its split-K reduction when the plan splits K). */
export function runGemm(backend: WebGPUBackend, s: GemmSpec, inputs: tf.Tensor[], opts: GemmOpts = {}): tf.Tensor {
  const p = gemmPlan(s.M, s.N, s.K, s.batched ? { ...opts, splits: 1 } : opts);
  const grid: [number, number, number] = [Math.ceil(s.N / p.tn), Math.ceil(s.M / p.tm), s.batched?.count ?? p.splits];
  if (grid[0] > MAX_GROUPS || grid[1] > MAX_GROUPS) throw new Error(`${s.key}: GEMM grid ${grid} too large`);
  // rm = rn = 8 needs 16.5 KB, over WebGPU's default 16 KB: fail clearly where the device has less.
  const shared = 4 * TK * (p.tm + 1 + p.tn + 1);
  const limit = backend.device.limits.maxComputeWorkgroupStorageSize;
  if (shared > limit)
    throw new Error(`${s.key}: rm ${p.rm} × rn ${p.rn} needs ${shared} B of workgroup memory (device: ${limit})`);
  const out = runProgram(
    backend,
    {
      key: `gemm_${s.key}_${p.rm}_${p.rn}_${p.ks}_pad1${s.batched ? `_b${s.batched.count}` : ''}`,
      inputs: s.inputs,
      outputShape: p.splits > 1 ? [p.splits, s.M, s.N] : s.outShape,
      dispatch: grid,
      workgroupSize: [16, 16, 1],
      code: gemmCode(s, p),
    },
    inputs,
  );
  if (p.splits === 1) return out;
  const sum = splitSum(backend, out, p.splits, s.outShape);
  out.dispose();
  return sum;
}

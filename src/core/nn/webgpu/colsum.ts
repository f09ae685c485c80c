// Per-channel (last-axis) sums over every other axis, read in place (no transpose): a workgroup owns a block
// of TC channels × a chunk of rows; its 256 threads are TC channel lanes × 256/TC row lanes, so each row
// read is one coalesced run. Row lanes are combined in workgroup memory, one partial per workgroup goes to
// partial[G, Q, C], and a tiny second pass adds the G partials per channel.
import type * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { MAIN, WG, nextPow2, runProgram } from './program';

/** What each pass-1 thread accumulates (Q = 2 quantities for all but 'sum'). */
export type ColMode =
  | 'sum' // Σ x
  | 'stats' // Σ (x − x[0,c]), Σ (x − x[0,c])²: shifted by the first row against cancellation
  | 'dyxhat' // Σ dy, Σ dy·x̂
  | 'dyxhatRelu'; // the same with dy masked by the forward ReLU: γ·x̂ + β > 0 (inputs dy, xhat, gamma, beta)

export interface ColOpts {
  /** Row chunks (workgroups along the rows); chosen from the shape when absent. */
  groups?: number;
}

export function colPlan(R: number, C: number, o: ColOpts = {}) {
  const tc = Math.min(64, nextPow2(C));
  const lanes = WG / tc;
  // ~32 rows per thread, at most 512 chunks: a few hundred workgroups on the big shapes.
  const g = Math.max(1, Math.min(o.groups ?? Math.ceil(R / (lanes * 32)), 512, R));
  const rpg = Math.ceil(R / g);
  return { tc, lanes, g: Math.ceil(R / rpg), rpg, cb: Math.ceil(C / tc) };
}

/** Pass 1: partial[G, Q, C]; when G = 1 and mode 'sum' the result is already [C]. */
export function colPartial(
  backend: WebGPUBackend,
  mode: ColMode,
  inputs: tf.Tensor[],
  R: number,
  C: number,
  o: ColOpts = {},
): { partial: tf.Tensor; groups: number } {
  const { tc, lanes, g, rpg, cb } = colPlan(R, C, o);
  const q = mode === 'sum' ? 1 : 2;
  const names = mode === 'dyxhat' ? ['dy', 'xhat'] : mode === 'dyxhatRelu' ? ['dy', 'xhat', 'gamma', 'beta'] : ['x'];
  const acc =
    mode === 'sum'
      ? `s1 += x[r * C + c];`
      : mode === 'stats'
        ? `let d = x[r * C + c] - shift; s1 += d; s2 = fma(d, d, s2);`
        : mode === 'dyxhat'
          ? `let v = dy[r * C + c]; s1 += v; s2 = fma(v, xhat[r * C + c], s2);`
          : `let xh = xhat[r * C + c]; let v = select(0.0, dy[r * C + c], fma(g, xh, bt) > 0.0);
             s1 += v; s2 = fma(v, xh, s2);`;
  const tree = (arr: string) => `
    for (var h = ${lanes / 2}; h > 0; h = h / 2) {
      if (ly < h) { ${arr}[t] += ${arr}[t + h * ${tc}]; }
      workgroupBarrier();
    }`;
  const code = `
  const R = ${R}; const C = ${C}; const RPG = ${rpg};
  var<workgroup> p1 : array<f32, ${WG}>;
  ${q === 2 ? `var<workgroup> p2 : array<f32, ${WG}>;` : ''}
  ${MAIN} {
    let t = i32(localId.x); let lx = t % ${tc}; let ly = t / ${tc};
    let gi = i32(workgroupId.x); let c = i32(workgroupId.y) * ${tc} + lx;
    var s1 = 0.0; var s2 = 0.0;
    if (c < C) {
      ${mode === 'stats' ? 'let shift = x[c];' : mode === 'dyxhatRelu' ? 'let g = gamma[c]; let bt = beta[c];' : ''}
      let rEnd = min((gi + 1) * RPG, R);
      for (var r = gi * RPG + ly; r < rEnd; r += ${lanes}) { ${acc} }
    }
    p1[t] = s1; ${q === 2 ? 'p2[t] = s2;' : ''}
    workgroupBarrier();
    ${tree('p1')}
    ${q === 2 ? tree('p2') : ''}
    if (ly == 0 && c < C) {
      result[(gi * ${q}) * C + c] = p1[t];
      ${q === 2 ? 'result[(gi * 2 + 1) * C + c] = p2[t];' : ''}
    }
  }`;
  // Two trees share one barrier sequence each; both run in uniform control flow (constant bounds).
  const partial = runProgram(
    backend,
    {
      key: `colpart_${mode}_${R}_${C}_${tc}_${rpg}`,
      inputs: names,
      outputShape: g === 1 && q === 1 ? [C] : [g, q, C],
      dispatch: [g, cb, 1],
      code,
    },
    inputs,
  );
  return { partial, groups: g };
}

/** What the combine pass writes per channel from partial[G, Q, C]. */
export type Combine =
  | { kind: 'sum'; q: number } // Σ_g partial[g, q, c]
  | { kind: 'mean'; n: number } // Σ partial[g,0,c] / n + x[0,c]  (inputs: partial, x)
  | { kind: 'var'; n: number }; // (Σ p1 − (Σ p0)²/n) / n, biased, clamped at 0

export function colCombine(
  backend: WebGPUBackend,
  partial: tf.Tensor,
  groups: number,
  C: number,
  how: Combine,
  x?: tf.Tensor,
): tf.Tensor1D {
  const q = partial.shape.length === 3 ? partial.shape[1] : 1;
  const p = (qq: number) => `partial[(g * ${q} + ${qq}) * ${C} + c]`;
  let body: string;
  if (how.kind === 'sum')
    body = `var s = 0.0; for (var g = 0; g < ${groups}; g++) { s += ${p(how.q)}; } result[c] = s;`;
  else if (how.kind === 'mean')
    body = `var s = 0.0; for (var g = 0; g < ${groups}; g++) { s += ${p(0)}; } result[c] = s / f32(${how.n}) + x[c];`;
  else
    body = `var s = 0.0; var ss = 0.0;
      for (var g = 0; g < ${groups}; g++) { s += ${p(0)}; ss += ${p(1)}; }
      result[c] = max((ss - s * s / f32(${how.n})) / f32(${how.n}), 0.0);`;
  const key = `colcomb_${how.kind}_${'q' in how ? how.q : how.n}_${groups}_${q}_${C}`;
  return runProgram(
    backend,
    {
      key,
      inputs: how.kind === 'mean' ? ['partial', 'x'] : ['partial'],
      outputShape: [C],
      dispatch: [Math.ceil(C / 64), 1, 1],
      workgroupSize: [64, 1, 1],
      code: `${MAIN} { let c = i32(workgroupId.x) * 64 + i32(localId.x); if (c < ${C}) { ${body} } }`,
    },
    how.kind === 'mean' ? [partial, x as tf.Tensor] : [partial],
  ) as tf.Tensor1D;
}

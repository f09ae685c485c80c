// Fused optimiser updates in WGSL, the same arithmetic as tfjs's MomentumOptimizer (no Nesterov) and
// AdamOptimizer, with the coupled L2 decay of ../../train/optimizer.ts (g + wd·w) folded in. A program has
// one output here, so each new tensor is one elementwise pass that recomputes the shared terms from the old
// values (reads are cheap next to the ~6 (SGD) or ~12 (Adam) stock dispatches per variable they replace).
// Hyper-parameters are uniforms: a learning-rate schedule reuses the same pipelines. The caller assigns.
import type * as tf from '@tensorflow/tfjs-core';
import { MAIN, WG, flatDispatch, runProgram, webgpuBackend } from './program';

const loop = (body: string) => `
  ${MAIN} {
    for (var i = i32(workgroupId.x) * ${WG} + i32(localId.x); i < uniforms.size; i += i32(numWorkgroups.x) * ${WG}) {
      let gd = fma(uniforms.wd, w[i], g[i]);
      ${body}
    }
  }`;

// One entry per scalar: tfjs lays out a multi-value entry as a vector (vec3/vec4 alignment).
const f32s = (xs: number[]) => xs.map((x) => ({ type: 'float32' as const, data: [x] }));

function same(op: string, ts: tf.Tensor[]): void {
  const s = ts[0].shape.join();
  for (const t of ts) if (t.shape.join() !== s) throw new Error(`${op}: shapes differ (${t.shape} vs ${ts[0].shape})`);
}

/** accum' = μ·accum + (g + wd·w); w' = w − lr·accum'. Two dispatches. */
export function sgdMomentumStepWgsl(
  w: tf.Tensor,
  g: tf.Tensor,
  accum: tf.Tensor,
  lr: number,
  momentum: number,
  wd = 0,
): { w: tf.Tensor; accum: tf.Tensor } {
  const backend = webgpuBackend('sgdMomentumStepWgsl');
  same('sgdMomentumStepWgsl', [w, g, accum]);
  const uniforms = 'lr : f32, mom : f32, wd : f32,';
  const uniformData = f32s([lr, momentum, wd]);
  const pass = (key: string, out: string) =>
    runProgram(
      backend,
      {
        key: `sgdm_${key}`,
        inputs: ['w', 'g', 'accum'],
        outputShape: w.shape,
        dispatch: flatDispatch(w.size),
        size: true,
        uniforms,
        uniformData,
        code: loop(`let a = fma(uniforms.mom, accum[i], gd); ${out}`),
      },
      [w, g, accum],
    );
  return {
    accum: pass('accum', 'result[i] = a;'),
    w: pass('w', 'result[i] = w[i] - uniforms.lr * a;'),
  };
}

export interface AdamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** β1^t and β2^t for this step t (tfjs's accBeta1/accBeta2 before their update), from the host. */
  beta1Power?: number;
  beta2Power?: number;
  /**
   * Or [1 − β1^t, 1 − β2^t] as a 2-element float32 tensor on the device: the optimiser's beta powers live on the
   * GPU, and reading them back to the host every step would stall the queue (never a sync read while training).
   */
  corrections?: tf.Tensor;
  wd?: number;
}

/** m' = β1·m + (1−β1)·g̃, v' = β2·v + (1−β2)·g̃², w' = w − lr·(m'/(1−β1^t)) / (√(v'/(1−β2^t)) + ε). */
export function adamStepWgsl(
  w: tf.Tensor,
  g: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  h: AdamHyper,
): { w: tf.Tensor; m: tf.Tensor; v: tf.Tensor } {
  const backend = webgpuBackend('adamStepWgsl');
  same('adamStepWgsl', [w, g, m, v]);
  const onDevice = h.corrections !== undefined;
  if (onDevice ? h.corrections!.size !== 2 : h.beta1Power === undefined || h.beta2Power === undefined) {
    throw new Error('adamStepWgsl: give beta1Power and beta2Power, or corrections as [1 − β1^t, 1 − β2^t]');
  }
  // 1 − β in double on the host: in f32 on the GPU, 1 − f32(0.999) is off by 1.3e-5 relative.
  const uniforms = 'lr : f32, b1 : f32, b2 : f32, nb1 : f32, nb2 : f32, eps : f32, c1 : f32, c2 : f32, wd : f32,';
  const uniformData = f32s([
    h.lr,
    h.beta1,
    h.beta2,
    1 - h.beta1,
    1 - h.beta2,
    h.epsilon,
    onDevice ? 1 : 1 - h.beta1Power!,
    onDevice ? 1 : 1 - h.beta2Power!,
    h.wd ?? 0,
  ]);
  const newM = 'let nm = fma(m[i], uniforms.b1, gd * uniforms.nb1);';
  const newV = 'let nv = fma(v[i], uniforms.b2, gd * gd * uniforms.nb2);';
  const [c1, c2] = onDevice ? ['c[0]', 'c[1]'] : ['uniforms.c1', 'uniforms.c2'];
  const pass = (key: string, body: string, extra: tf.Tensor[] = []) =>
    runProgram(
      backend,
      {
        key: `adam_${key}`,
        inputs: ['w', 'g', 'm', 'v', ...(extra.length ? ['c'] : [])],
        outputShape: w.shape,
        dispatch: flatDispatch(w.size),
        size: true,
        uniforms,
        uniformData,
        // Every pass names all four inputs (the m and v passes leave one unused, still bound).
        code: loop(`${newM} ${newV} ${body}`),
      },
      [w, g, m, v, ...extra],
    );
  const update = `result[i] = w[i] - uniforms.lr * ((nm / ${c1}) / (sqrt(nv / ${c2}) + uniforms.eps));`;
  return {
    m: pass('m', 'result[i] = nm;'),
    v: pass('v', 'result[i] = nv;'),
    w: onDevice ? pass('w_dev', update, [h.corrections!]) : pass('w', update),
  };
}

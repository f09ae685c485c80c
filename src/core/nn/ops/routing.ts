// Which formulation each training op runs (candidates.ts). In order:
//   1. a forced candidate (the gradient checks force each in turn);
//   2. 'stock' mode: tfjs's own everywhere, for benchmarks and equivalence tests (on WASM the conv filter
//      gradient stays ours: tfjs-wasm has no Conv2DBackpropFilter kernel);
//   3. the active autotuner's choice for this shape (nn/tune: measured on this device); while it records a
//      model's first step, an op without a choice records its arguments;
//   4. the prior rule, measured on WASM (tfjs 4.22, XNNPACK): a matMul with a transpose flag runs 10-15× slower
//      than an explicit transpose and a plain matMul, Conv2DBackpropInput ~10× slower than the conv with the
//      rotated filter (stride 1) or the SIMD input-gradient kernel (any stride); the SIMD filter-gradient kernel
//      (3-12× faster than the conv over transposed tensors for the default student) and batch-norm kernels; the
//      conv over transposed tensors on cpu/webgl; stock conv gradients on WebGPU (2.7× faster on SwiftShader) and
//      the WGSL batch norm there.
import * as tf from '@tensorflow/tfjs-core';
import type { Candidate, Tuner } from '../tune/autotuner';
import { candidate, candidatesOf, type OpKind } from './candidates';

export type OpsMode = 'ours' | 'stock';
let mode: OpsMode = 'ours';
let tuner: Tuner | null = null;
const forced = new Map<OpKind, string>();
let misses = 0;

export function setOpsMode(m: OpsMode): void {
  mode = m;
}

export function opsMode(): OpsMode {
  return mode;
}

/** The tuner whose choices the ops follow (null: the prior rules). */
export function setActiveTuner(t: Tuner | null): void {
  tuner = t;
}

export function activeTuner(): Tuner | null {
  return tuner;
}

/**
 * Forces one candidate of an op (null: back to normal), for the gradient checks. Where it does not apply (a stride
 * it does not handle) the prior rule runs and forcedMisses() counts it, so the check can leave that case out.
 */
export function forceCandidate(op: OpKind, name: string | null): void {
  misses = 0;
  if (name === null) forced.delete(op);
  else forced.set(op, name);
}

export function forcedMisses(): number {
  return misses;
}

/** The prior rule's candidate, used until (or where) the tuner has decided. */
export function priorChoice(op: OpKind, args: readonly unknown[]): string {
  const b = tf.getBackend();
  switch (op) {
    case 'convFilterGrad':
      if (b === 'webgpu') return 'stock';
      return b === 'wasm' && candidate('convFilterGrad', 'wasm-simd')!.available(...args)
        ? 'wasm-simd'
        : 'transposed-conv';
    case 'convInputGrad': {
      if (b !== 'wasm') return 'stock';
      if (candidate('convInputGrad', 'rotated-conv')!.available(...args)) return 'rotated-conv';
      return args[1] && candidate('convInputGrad', 'wasm-simd')!.available(...args) ? 'wasm-simd' : 'stock';
    }
    case 'denseGrad':
      return b === 'wasm' ? 'explicit-transpose' : 'stock';
    case 'bnTrain': {
      if (b === 'wasm' && candidate('bnTrain', 'wasm-simd')!.available(...args)) return 'wasm-simd';
      // WebGPU: the WGSL batch norm (registered by webgpu/register.ts) won every shape on SwiftShader, where the
      // prior is final (software GPUs are not tuned), and it has half the dispatches; a hardware GPU tunes.
      const wgsl = b === 'webgpu' ? candidate('bnTrain', 'wgsl') : undefined;
      return wgsl?.available(...args) ? 'wgsl' : 'analytic';
    }
  }
}

/**
 * Whether the fixed WGSL rules apply (the optimisers' updates, batch norm's running statistics: elementwise work
 * that fewer dispatches win on every device, so not tuned): on WebGPU, outside the 'stock' mode.
 */
export function wgslRulesApply(): boolean {
  return mode === 'ours' && tf.getBackend() === 'webgpu';
}

/** The rule of the explicit-transpose formulations (dense, conv input gradient) before tuning. */
export function preferExplicitTranspose(): boolean {
  return mode === 'ours' && tf.getBackend() === 'wasm';
}

/**
 * Whether an op must take its custom-gradient path (a formulation other than tfjs's own may run); otherwise it runs
 * the plain tfjs op, whose autodiff computes only the gradients asked for (an attack needs no weight gradient).
 * `ops`: the gradient ops it routes, with their arguments as far as the forward pass knows them.
 */
export function customPath(ops: readonly [OpKind, readonly unknown[]][]): boolean {
  if (forced.size > 0) return true;
  if (mode === 'stock') return ops.some(([op, a]) => !usable(op, 'stock', a));
  if (tuner) return true;
  return ops.some(([op, a]) => priorChoice(op, a) !== 'stock');
}

function usable(op: OpKind, name: string | undefined, args: readonly unknown[]): Candidate | undefined {
  if (name === undefined) return undefined;
  const c = candidatesOf(op).find((x) => x.name === name);
  return c && c.available(...args) ? c : undefined;
}

/** The candidate an op runs now. `shape` builds the tuner's shape key (only called when a tuner is active). */
export function choose(op: OpKind, args: readonly unknown[], shape: () => string): Candidate {
  const prior = priorChoice(op, args);
  const f = forced.get(op);
  if (f !== undefined) {
    const c = usable(op, f, args);
    if (c) return c;
    misses++;
    return usable(op, prior, args)!;
  }
  if (mode === 'stock') return usable(op, 'stock', args) ?? usable(op, prior, args)!;
  if (tuner) {
    const key = shape();
    const c = usable(op, tuner.choice(op, key), args);
    if (c) return c;
    tuner.record(op, key, args, prior);
  }
  return usable(op, prior, args)!;
}

/** Shape keys, e.g. 'x64x28x28x1|k3x3|s1|co16'. */
export const dims = (s: readonly number[]) => s.join('x');

// Which gradient formulation each backend gets, chosen by measurement (bench/ and the issue notes).
// On WASM (tfjs 4.22, XNNPACK) a matMul with a transpose flag runs 10-15× slower than an explicit
// transpose followed by a plain matMul, and Conv2DBackpropInput ~10× slower than the equivalent conv2d
// with the rotated filter, so the WASM path uses the explicit forms.
// 'stock' switches every op back to tfjs's own gradients: for benchmarks and equivalence tests only
// (on WASM the conv filter gradient stays ours: tfjs-wasm has no Conv2DBackpropFilter kernel).
import * as tf from '@tensorflow/tfjs-core';

export type OpsMode = 'ours' | 'stock';
let mode: OpsMode = 'ours';

export function setOpsMode(m: OpsMode): void {
  mode = m;
}

export function opsMode(): OpsMode {
  return mode;
}

export function preferExplicitTranspose(): boolean {
  return mode === 'ours' && tf.getBackend() === 'wasm';
}

/**
 * Our conv filter gradient (a conv over transposed tensors) where it was measured faster or where the backend
 * has none: wasm (no Conv2DBackpropFilter), cpu and webgl. Not on webgpu: on SwiftShader it ran 2.7× slower than
 * the stock kernel for the default student (bench:gpu); revisit with real-GPU figures.
 */
export function customConvFilterGrad(): boolean {
  const b = tf.getBackend();
  return b === 'wasm' || (mode === 'ours' && b !== 'webgpu');
}

// Which gradient formulation each backend gets, chosen by measurement (bench/ and the issue notes).
// On WASM (tfjs 4.22, XNNPACK) a matMul with a transpose flag runs 10-15× slower than an explicit
// transpose followed by a plain matMul, and Conv2DBackpropInput ~10× slower than the equivalent conv2d
// with the rotated filter, so the WASM path uses the explicit forms.
import * as tf from '@tensorflow/tfjs-core';

export function preferExplicitTranspose(): boolean {
  return tf.getBackend() === 'wasm';
}

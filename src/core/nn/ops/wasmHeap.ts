// Kernels written in JavaScript over the WASM backend's heap, for ops whose tfjs-wasm kernel was measured slow.
// They run synchronously on the worker thread like tfjs-wasm's own kernels (no GPU, no readback: the heap is the
// tensors' storage). Views are made after the output is allocated: a malloc can grow the heap, which detaches
// every older view.
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export function onWasm(): boolean {
  return tf.getBackend() === 'wasm';
}

/**
 * Allocates a float32 output of `shape` on the WASM heap, lets `fill` write it from the inputs' heap views, and
 * returns it as a tensor (owned by the caller's tidy).
 */
export function wasmKernel<R extends tf.Rank>(
  shape: number[],
  inputs: tf.Tensor[],
  fill: (out: Float32Array, ins: Float32Array[]) => void,
): tf.Tensor<R> {
  const be = tf.backend() as BackendWasm;
  for (const t of inputs) if (t.dtype !== 'float32') throw new Error(`wasmKernel: ${t.dtype} input, float32 needed`);
  const info = be.makeOutput(shape, 'float32');
  const out = be.typedArrayFromHeap(info) as Float32Array;
  fill(
    out,
    inputs.map((t) => be.typedArrayFromHeap(t) as Float32Array),
  );
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor<R>;
}

// Times one call of a formulation on the device. The clock stops when the outputs can be read: `await data()`
// (never dataSync), which on WebGPU/WebGL is what waits for the queued GPU work.
import * as tf from '@tensorflow/tfjs-core';

export type Outputs = tf.Tensor | tf.Tensor[];

export async function timeCall(run: () => Outputs): Promise<number> {
  const t0 = performance.now();
  const out = tf.tidy(run);
  const list = Array.isArray(out) ? out : [out];
  try {
    await Promise.all(list.map((t) => t.data()));
    return performance.now() - t0;
  } finally {
    tf.dispose(list);
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// Backend setup for Node (CLI, benchmarks, tests): WASM is the fast CPU path (it trains convolutions
// thanks to our filter-gradient formulation); the pure-JS cpu backend is the reference.
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node entry registers no gradients; the union package's Node bundle registers them all in the
// global registry that tfjs-core reads (the worker imports register_all_gradients instead).
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export type NodeBackend = 'wasm' | 'cpu';

export async function useNodeBackend(name: NodeBackend): Promise<string> {
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name)
    throw new Error(`could not initialise the ${name} backend (got ${tf.getBackend()})`);
  return tf.getBackend();
}

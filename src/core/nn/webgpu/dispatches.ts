// Counts the GPU programs the webgpu backend runs while `f` runs (for "dispatches per training step").
// Counted: every WebGPUBackend.runWebGPUProgram call (stock kernels and ours alike; one compute dispatch
// each, zero-size outputs included). Not counted: buffer uploads/readbacks, copies, and ops the backend
// runs on the CPU (tiny tensors below WEBGPU_CPU_HANDOFF_SIZE_THRESHOLD) or as views (reshape).
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { webgpuBackend } from './program';

type Run = WebGPUBackend['runWebGPUProgram'];

export async function countDispatches<T>(f: () => T | Promise<T>): Promise<{ result: T; dispatches: number }> {
  const backend = webgpuBackend('countDispatches');
  // Patch the instance (not the prototype) and put back exactly what was there, so nesting works.
  const own = Object.prototype.hasOwnProperty.call(backend, 'runWebGPUProgram');
  const prev = backend.runWebGPUProgram;
  let dispatches = 0;
  backend.runWebGPUProgram = function (this: WebGPUBackend, ...args: Parameters<Run>) {
    dispatches++;
    return prev.apply(this, args);
  } as Run;
  try {
    const result = await f();
    return { result, dispatches };
  } finally {
    if (own) backend.runWebGPUProgram = prev;
    else delete (backend as { runWebGPUProgram?: Run }).runWebGPUProgram;
  }
}

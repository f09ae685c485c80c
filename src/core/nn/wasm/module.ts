// Loads kernels.wat (assembled into kernels.gen.ts) on the active tfjs-wasm backend's memory, once per backend
// instance, so the kernels read and write tensors in place. Null where they cannot run (another backend, a
// browser without WebAssembly SIMD, a build that hides its memory): callers then keep tfjs's formulations.
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { KERNELS_PLAIN, KERNELS_SHARED } from './kernels.gen';

/** Copies between a tensor [B,H,W,C] and its padded frame [B,Hp,Wp,C] (offset top, left): pointers first. */
type Frame = (
  from: number,
  to: number,
  B: number,
  H: number,
  W: number,
  C: number,
  Hp: number,
  Wp: number,
  top: number,
  left: number,
) => void;

export interface SimdKernels {
  /** x [B,H,W,C] into its zero frame xp [B,Hp,Wp,C] at (top, left). */
  pad: Frame;
  convFilterGrad(
    xp: number,
    dz: number,
    out: number,
    B: number,
    Hp: number,
    Wp: number,
    Ci: number,
    Ho: number,
    Wo: number,
    Co: number,
    KH: number,
    KW: number,
    s: number,
  ): void;
  /** The inverse: x from xp (arguments in pad's order, xp first). */
  crop: Frame;
  convInputGrad(
    dz: number,
    wt: number,
    dxp: number,
    B: number,
    Ho: number,
    Wo: number,
    Co: number,
    Hp: number,
    Wp: number,
    Ci: number,
    KH: number,
    KW: number,
    s: number,
  ): void;
  reluPoolGrad(a: number, dp: number, dz: number, db: number, B: number, H: number, W: number, C: number): void;
  channelSums(x: number, mean: number, out: number, R: number, C: number, sq: number): void;
  bnNormalize(
    x: number,
    mean: number,
    inv: number,
    gamma: number,
    beta: number,
    xhat: number,
    y: number,
    R: number,
    C: number,
  ): void;
  bnBackwardSums(dy: number, xhat: number, sdy: number, sdyx: number, R: number, C: number): void;
  bnBackwardDx(
    dy: number,
    xhat: number,
    scale: number,
    sdy: number,
    sdyx: number,
    dx: number,
    R: number,
    C: number,
    n: number,
  ): void;
  adam(
    p: number,
    g: number,
    m: number,
    v: number,
    pOut: number,
    mOut: number,
    vOut: number,
    n: number,
    omb1: number,
    omb2: number,
    b1: number,
    c1: number,
    b2: number,
    c2: number,
    eps: number,
    nlr: number,
  ): void;
}

const loaded = new WeakMap<object, SimdKernels | null>();
let disabled = false;

/** The emscripten module's memory: exported by the single-threaded builds, created and kept by the threaded one. */
function memoryOf(be: BackendWasm): WebAssembly.Memory | undefined {
  const m = be.wasm as unknown as { wasmMemory?: WebAssembly.Memory; asm?: { memory?: WebAssembly.Memory } };
  return m.wasmMemory ?? m.asm?.memory;
}

const decode = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

function load(be: BackendWasm): SimdKernels | null {
  const memory = memoryOf(be);
  if (!memory) return null;
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  try {
    // Synchronous compilation: the module is ~1.5 KB (browsers refuse only large synchronous compiles).
    const mod = new WebAssembly.Module(decode(shared ? KERNELS_SHARED : KERNELS_PLAIN));
    return new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as SimdKernels;
  } catch {
    return null; // no SIMD (or no shared memory) in this engine
  }
}

/** The kernels on the active backend, or null (not wasm, unsupported, or switched off for a comparison). */
export function simdKernels(): SimdKernels | null {
  if (disabled || tf.getBackend() !== 'wasm') return null;
  const be = tf.backend() as BackendWasm;
  let k = loaded.get(be);
  if (k === undefined) {
    k = load(be);
    loaded.set(be, k);
  }
  return k;
}

/** Switches the kernels off (true) or back on, for benchmarks and equivalence tests against tfjs's own ops. */
export function disableSimdKernels(off: boolean): void {
  disabled = off;
}

/** A tensor's byte offset on the WASM heap. */
export function heapOffset(t: tf.TensorInfo): number {
  return (tf.backend() as BackendWasm).dataIdMap.get(t.dataId)!.memoryOffset;
}

/** A new float32 tensor on the WASM heap, contents unset (the kernel writes every element). */
export function heapTensor<R extends tf.Rank>(shape: number[]): tf.Tensor<R> {
  const info = (tf.backend() as BackendWasm).makeOutput(shape, 'float32');
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor<R>;
}

// Shared plumbing for our WGSL programs on tfjs-backend-webgpu: each program bakes its shape constants into
// the shader (tfjs caches pipelines by shaderKey, so the key carries every baked constant) and indexes its
// buffers directly; tfjs only supplies the header (bindings, localId/workgroupId/numWorkgroups globals).
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

/** Threads per workgroup in every program here (16×16 for the GEMMs, 256×1 elsewhere). */
export const WG = 256;
/** WebGPU's guaranteed maxComputeWorkgroupsPerDimension: grid-stride loops keep dispatches under it. */
export const MAX_GROUPS = 65535;

export function webgpuBackend(op: string): WebGPUBackend {
  if (tf.getBackend() !== 'webgpu') {
    throw new Error(`${op}: needs the webgpu backend (active backend: ${tf.getBackend()})`);
  }
  return tf.backend() as WebGPUBackend;
}

export interface ProgramSpec {
  /** Unique per generated source: name plus every baked constant. */
  key: string;
  inputs: string[];
  outputShape: number[];
  dispatch: [number, number, number];
  workgroupSize?: [number, number, number];
  /** WGSL declarations plus the body of `main`; `result` is the output array, inputs go by their names. */
  code: string;
  /** Run-time values (not baked, so e.g. a changing learning rate reuses one pipeline): `lr : f32,` … */
  uniforms?: string;
  uniformData?: { type: 'float32' | 'int32'; data: number[] }[];
  /** Adds `uniforms.size` (the output's element count): one pipeline for every size. */
  size?: boolean;
}

class Program implements WebGPUProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  uniforms?: string;
  size?: boolean;
  private readonly code: string;
  constructor(s: ProgramSpec) {
    this.variableNames = s.inputs;
    this.outputShape = s.outputShape;
    this.shaderKey = `kdwgsl_${s.key}`;
    this.dispatchLayout = { x: s.outputShape.map((_, i) => i) };
    this.dispatch = s.dispatch;
    this.workgroupSize = s.workgroupSize ?? [WG, 1, 1];
    this.code = s.code;
    this.uniforms = s.uniforms;
    this.size = s.size;
  }
  getUserCode(): string {
    // tfjs always binds its uniforms buffer; 'auto' layouts drop unused bindings, so touch it once.
    return this.code.replace(`${MAIN} {`, `${MAIN} {\n    _ = uniforms.NAN;`);
  }
}

/** Runs one program and returns its output as a tensor tracked by the caller's tidy. */
export function runProgram(backend: WebGPUBackend, spec: ProgramSpec, inputs: tf.Tensor[]): tf.Tensor {
  for (const t of inputs) if (t.dtype !== 'float32') throw new Error(`${spec.key}: float32 inputs only`);
  const info = backend.runWebGPUProgram(new Program(spec), inputs, 'float32', spec.uniformData);
  return tf.engine().makeTensorFromTensorInfo(info);
}

/** Dispatch for a grid-stride elementwise pass over `size` items. */
export function flatDispatch(size: number): [number, number, number] {
  return [Math.max(1, Math.min(MAX_GROUPS, Math.ceil(size / WG))), 1, 1];
}

/** `main` header as tfjs's generated `_start` calls it (the index argument is unused: we index ourselves). */
export const MAIN = 'fn main(index : i32)';

export const nextPow2 = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

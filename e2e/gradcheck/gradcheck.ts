// Runs the engine's op gradient check on a chosen backend in the browser (the e2e suite uses WebGL, and WASM for
// its SIMD kernels on the page's memory: shared, the threaded build, where the page is cross-origin isolated), and
// the WGSL kernel check on WebGPU (e2e/wgsl.spec.ts).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { checkOpGradients, type GradCheck } from '../../src/core/nn/ops/gradcheck';
import { checkWgslKernels, type KernelCheck } from '../../src/core/nn/webgpu/check';
import '../../src/core/nn/webgpu/register';
import { simdKernels } from '../../src/core/nn/wasm/module';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

declare global {
  interface Window {
    runGradCheck(backend: string): Promise<{ backend: string; results: GradCheck[]; simd: boolean; shared: boolean }>;
    runWgslCheck(): Promise<{ backend: string; adapter: string; results: KernelCheck[] }>;
  }
}

window.runGradCheck = async (backend: string) => {
  await tf.setBackend(backend);
  await tf.ready();
  const results = await checkOpGradients();
  return { backend: tf.getBackend(), results, simd: simdKernels() !== null, shared: crossOriginIsolated };
};

window.runWgslCheck = async () => {
  const adapter = await navigator.gpu?.requestAdapter();
  const info = (adapter as (GPUAdapter & { info?: GPUAdapterInfo }) | null)?.info;
  await tf.setBackend('webgpu');
  await tf.ready();
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown';
  return { backend: tf.getBackend(), adapter: name, results: await checkWgslKernels() };
};

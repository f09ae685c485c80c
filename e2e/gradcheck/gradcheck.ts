// Runs the engine's op gradient check on a chosen backend in the browser (the e2e suite uses WebGL), and the
// WGSL kernel check on WebGPU (e2e/wgsl.spec.ts).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { checkOpGradients, type GradCheck } from '../../src/core/nn/ops/gradcheck';
import { checkWgslKernels, type KernelCheck } from '../../src/core/nn/webgpu/check';
import '../../src/core/nn/webgpu/register';

declare global {
  interface Window {
    runGradCheck(backend: string): Promise<{ backend: string; results: GradCheck[] }>;
    runWgslCheck(): Promise<{ backend: string; adapter: string; results: KernelCheck[] }>;
  }
}

window.runGradCheck = async (backend: string) => {
  await tf.setBackend(backend);
  await tf.ready();
  return { backend: tf.getBackend(), results: await checkOpGradients() };
};

window.runWgslCheck = async () => {
  const adapter = await navigator.gpu?.requestAdapter();
  const info = (adapter as (GPUAdapter & { info?: GPUAdapterInfo }) | null)?.info;
  await tf.setBackend('webgpu');
  await tf.ready();
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown';
  return { backend: tf.getBackend(), adapter: name, results: await checkWgslKernels() };
};

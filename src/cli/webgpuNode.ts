// WebGPU in Node through Dawn (npm package `webgpu`): the engine runs unchanged on tfjs-backend-webgpu.
// On a GPU server this talks to the real driver; here it runs on SwiftShader's Vulkan driver from Debian's
// chromium package (slow, but real WebGPU): start Node through scripts/with-vulkan.mjs for that.
import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';

export async function useNodeWebGpu(): Promise<{ adapter: string }> {
  // Plain `require` in the CommonJS bundle made for GPU servers (tools/gpu/prepare); createRequire under ESM.
  const req = typeof require === 'function' ? require : createRequire(import.meta.url);
  const { create, globals } = req('webgpu') as { create: (o: string[]) => GPU; globals: object };
  Object.assign(globalThis, globals);
  const gpu = create([]);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  const adapter = await gpu.requestAdapter();
  if (!adapter)
    throw new Error('no WebGPU adapter: is a Vulkan driver installed (or run via scripts/with-vulkan.mjs)?');
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info;
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu')) || tf.getBackend() !== 'webgpu') throw new Error('tfjs webgpu backend failed');
  await tf.ready();
  return { adapter: [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown' };
}

// WebGPU tests: the engine on tfjs-backend-webgpu in Node through Dawn (run via scripts/with-vulkan.mjs).
import { beforeAll } from 'vitest';
import '../cli/nodeBackend';
import { useNodeWebGpu } from '../cli/webgpuNode';
import '../core/nn/webgpu/register';

beforeAll(async () => {
  const { adapter } = await useNodeWebGpu();
  console.log(`WebGPU adapter: ${adapter}`);
});

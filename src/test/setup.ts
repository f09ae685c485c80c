// Unit tests run the real engine on tfjs's CPU backend in Node (gradients registered by nodeBackend).
import { beforeAll } from 'vitest';
import { useNodeBackend } from '../cli/nodeBackend';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

// Runs the engine's op gradient check on a chosen backend in the browser (the e2e suite uses WebGL).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-webgl';
import { checkOpGradients, type GradCheck } from '../../src/core/nn/ops/gradcheck';

declare global {
  interface Window {
    runGradCheck(backend: string): Promise<{ backend: string; results: GradCheck[] }>;
  }
}

window.runGradCheck = async (backend: string) => {
  await tf.setBackend(backend);
  await tf.ready();
  return { backend: tf.getBackend(), results: await checkOpGradients() };
};

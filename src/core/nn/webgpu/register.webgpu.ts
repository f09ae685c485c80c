// The 'wgsl' candidates are registered and available only where their kernels run (their gradients are checked
// against stock with every other candidate in ops/gradcheck.webgpu.ts, which this import makes include them).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { candidate } from '../ops/candidates';
import './register';

describe("'wgsl' candidates", () => {
  it('are registered for the conv gradients and batch-norm, available by stride and backend', () => {
    expect(tf.getBackend()).toBe('webgpu');
    const fg = candidate('convFilterGrad', 'wgsl')!;
    const ig = candidate('convInputGrad', 'wgsl')!;
    expect(candidate('bnTrain', 'wgsl')!.available()).toBe(true);
    tf.tidy(() => {
      const x = tf.zeros([2, 8, 8, 3]) as tf.Tensor4D;
      const w = tf.zeros([3, 3, 3, 4]) as tf.Tensor4D;
      for (const s of [1, 2, 3]) {
        const dy = tf.zeros([2, Math.ceil(8 / s), Math.ceil(8 / s), 4]) as tf.Tensor4D;
        expect(fg.available(x, dy, 3, 3, s), `dW stride ${s}`).toBe(s !== 3);
        expect(ig.available(dy, w, x.shape, s), `dX stride ${s}`).toBe(s !== 3);
      }
      // Mismatched shapes are not the kernel's to handle.
      expect(fg.available(x, tf.zeros([2, 5, 5, 4]), 3, 3, 1)).toBe(false);
      expect(ig.available(tf.zeros([2, 8, 8, 4]), w, [2, 8, 8, 5], 1)).toBe(false);
    });
  });
});

// Loss terms against plain-JS hand computations (docs/design.md §1): CE, T²·KL with "batchmean", and the KD mix.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { crossEntropy, distillation, kdLoss } from './losses';

const softmax = (z: number[], T = 1): number[] => {
  const s = z.map((v) => v / T);
  const m = Math.max(...s);
  const e = s.map((v) => Math.exp(v - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
};

/** Mean over the batch of −log softmax(z)[y]. */
const ceJs = (labels: number[], logits: number[][]): number =>
  labels.reduce((acc, y, i) => acc - Math.log(softmax(logits[i])[y]), 0) / labels.length;

/** Σ_k p_t·(log p_t − log p_s) per row, averaged over rows ("batchmean"), times T². */
const kdJs = (t: number[][], s: number[][], T: number): number => {
  let sum = 0;
  for (let i = 0; i < t.length; i++) {
    const pt = softmax(t[i], T);
    const ps = softmax(s[i], T);
    for (let k = 0; k < pt.length; k++) sum += pt[k] * (Math.log(pt[k]) - Math.log(ps[k]));
  }
  return (T * T * sum) / t.length;
};

const oneHotJs = (labels: number[], K: number): number[][] =>
  labels.map((y) => Array.from({ length: K }, (_, k) => (k === y ? 1 : 0)));

const value = async (s: tf.Scalar): Promise<number> => {
  const v = (await s.data())[0];
  s.dispose();
  return v;
};

// B = 3 rows, K = 4 classes; teacher and student disagree, and ceLogits differ from the student's KD logits.
const teacher = [
  [2.0, 0.5, -1.0, 0.3],
  [-0.7, 1.8, 0.2, 0.0],
  [0.1, 0.1, 3.0, -2.0],
];
const student = [
  [0.4, 1.2, -0.3, 0.9],
  [1.0, -0.5, 0.6, 0.2],
  [-1.2, 0.8, 1.5, 0.3],
];
const ceLogits = [
  [1.5, -0.2, 0.1, 0.0],
  [0.0, 0.0, 0.0, 1.0],
  [2.5, 0.3, -0.4, 0.6],
];
const labels = [0, 3, 2];
const K = 4;

describe('crossEntropy', () => {
  it('equals the batch mean of −log softmax(z)[y]', async () => {
    const got = await value(tf.tidy(() => crossEntropy(tf.tensor2d(oneHotJs(labels, K)), tf.tensor2d(student))));
    expect(got).toBeCloseTo(ceJs(labels, student), 5);
  });

  it('is near 0 for confident correct logits and large for confident wrong ones', async () => {
    const right = await value(tf.tidy(() => crossEntropy(tf.tensor2d([[0, 1]]), tf.tensor2d([[-20, 20]]))));
    const wrong = await value(tf.tidy(() => crossEntropy(tf.tensor2d([[1, 0]]), tf.tensor2d([[-20, 20]]))));
    expect(right).toBeLessThan(1e-6);
    expect(wrong).toBeCloseTo(40, 3);
  });
});

describe('distillation (T²·KL, batchmean)', () => {
  for (const T of [1, 4]) {
    it(`matches T²·KL summed over classes and averaged over the batch at T=${T}`, async () => {
      const got = await value(tf.tidy(() => distillation(tf.tensor2d(teacher), tf.tensor2d(student), T)));
      const expected = kdJs(teacher, student, T);
      expect(expected).toBeGreaterThan(0.01);
      expect(got).toBeCloseTo(expected, 5);
      // The peer-library bug (mean over B·K instead of sum over K) would be K times smaller.
      expect(Math.abs(got - expected / K)).toBeGreaterThan(0.005);
    });
  }

  it('scales with T²: T=4 differs from T=1 by exactly the T² factor applied to the softened KL', async () => {
    const [d1, d4] = await Promise.all(
      [1, 4].map((T) => value(tf.tidy(() => distillation(tf.tensor2d(teacher), tf.tensor2d(student), T)))),
    );
    // KL at T=4 (unscaled) from the JS reference; the engine must multiply it by 16.
    const kl4 = kdJs(teacher, student, 4) / 16;
    expect(d4).toBeCloseTo(16 * kl4, 5);
    expect(d1).toBeCloseTo(kdJs(teacher, student, 1), 5);
  });

  it('is zero when the student equals the teacher', async () => {
    const got = await value(tf.tidy(() => distillation(tf.tensor2d(teacher), tf.tensor2d(teacher), 4)));
    expect(Math.abs(got)).toBeLessThan(1e-6);
  });

  it('has the student gradient T·(softmax(s/T) − softmax(t/T)) / B', async () => {
    const T = 4;
    const t = tf.tensor2d(teacher);
    const s = tf.tensor2d(student);
    const g = tf.grad((x: tf.Tensor) => distillation(t, x as tf.Tensor2D, T))(s);
    const got = await g.data();
    tf.dispose([t, s, g]);
    const B = teacher.length;
    for (let i = 0; i < B; i++) {
      const ps = softmax(student[i], T);
      const pt = softmax(teacher[i], T);
      for (let k = 0; k < K; k++) expect(got[i * K + k]).toBeCloseTo((T * (ps[k] - pt[k])) / B, 6);
    }
  });
});

describe('kdLoss', () => {
  const run = (alpha: number, T: number) =>
    value(
      tf.tidy(() =>
        kdLoss(
          tf.tensor2d(oneHotJs(labels, K)),
          tf.tensor2d(ceLogits),
          tf.tensor2d(teacher),
          tf.tensor2d(student),
          T,
          alpha,
        ),
      ),
    );

  it('is (1−α)·CE(ceLogits) + α·T²·KL(teacher ‖ student)', async () => {
    for (const [alpha, T] of [
      [0.9, 4],
      [0.5, 1],
      [0.3, 2],
    ]) {
      const expected = (1 - alpha) * ceJs(labels, ceLogits) + alpha * kdJs(teacher, student, T);
      expect(await run(alpha, T)).toBeCloseTo(expected, 5);
    }
  });

  it('α=0 gives the CE on the CE logits only', async () => {
    expect(await run(0, 4)).toBeCloseTo(ceJs(labels, ceLogits), 5);
  });

  it('α=1 gives only the KD term (labels ignored)', async () => {
    expect(await run(1, 4)).toBeCloseTo(kdJs(teacher, student, 4), 5);
    expect(await run(1, 1)).toBeCloseTo(kdJs(teacher, student, 1), 5);
  });
});

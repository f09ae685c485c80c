// "See the noise" on the real tfjs cpu backend: the input noise has the recipe's σ, soft targets are
// softmax(z/T) of the clean image, a fickle teacher's spread is real (and zero without dropout), the live
// predictions grid picks class-balanced images; nothing leaks.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studentSpec, type StudentSpec } from '../config/schema';
import { recipeOf } from '../methods';
import type { Recipe } from '../methods/recipe';
import { buildModel } from '../nn/build';
import { INFERENCE, type InputInfo, type Model } from '../nn/model';
import { Rng, stream } from '../rng';
import { FICKLE_MASKS, noiseView, spreadOf } from './noiseView';
import { predictImages, previewIndices } from './predictions';

const H = 8;
const K = 10;
const INPUT: InputInfo = { height: H, width: H, channels: 1, numClasses: K, mean: [0.5], std: [0.25] };
const recipe = (s: Record<string, unknown>): Recipe => recipeOf(studentSpec.parse(s) as StudentSpec);
const rngs = (seed = 1) => ({ noise: stream(seed, 'noise', 'view'), dropout: stream(seed, 'dropout', 'view') });
const image = (seed: number, n = H * H) => {
  const r = new Rng(seed);
  return Float32Array.from({ length: n }, () => 0.2 + 0.6 * r.next());
};
const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
const softmax = (z: ArrayLike<number>, T = 1) => {
  const e = Array.from(z, (v) => Math.exp(v / T));
  return e.map((v) => v / sum(e));
};

let student: Model;
let teacher: Model;
let teacherNoDropout: Model;
beforeAll(() => {
  student = buildModel({ family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0 }, INPUT, stream(1, 'init', 's'));
  teacher = buildModel({ family: 'cnn', channels: [4, 8], hidden: 16, dropout: 0.4 }, INPUT, stream(1, 'init', 't'));
  teacherNoDropout = buildModel(
    { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0 },
    INPUT,
    stream(1, 'init', 'u'),
  );
});
afterAll(() => [student, teacher, teacherNoDropout].forEach((m) => m.dispose()));

const view = (r: Recipe, t: Model | null = teacher, img = image(3), seed = 1) =>
  noiseView({ recipe: r, model: student, teacher: t, image: img, shape: [H, H, 1], rngs: rngs(seed) });

describe('noiseView', () => {
  it('soft randomization: x + σε differs from the clean image by about σ; the clean pixels are the image', async () => {
    const img = image(4, 32 * 32);
    const big: InputInfo = { ...INPUT, height: 32, width: 32 };
    const m = buildModel({ family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0 }, big, stream(1, 'init', 'b'));
    const r = recipe({ method: 'soft-randomization', sigma: 0.2, clip: false });
    const v = await noiseView({ recipe: r, model: m, teacher: null, image: img, shape: [32, 32, 1], rngs: rngs() });
    m.dispose();
    expect(Array.from(v.clean)).toEqual(Array.from(img, (p) => Math.round(p * 255)));
    expect(v.input).not.toBeNull();
    expect(v.input!.sigma).toBe(0.2);
    // E|ε| = σ·√(2/π) for ε ~ N(0, σ²).
    expect(v.input!.meanAbsChange).toBeGreaterThan(0.2 * Math.sqrt(2 / Math.PI) * 0.9);
    expect(v.input!.meanAbsChange).toBeLessThan(0.2 * Math.sqrt(2 / Math.PI) * 1.1);
    const changed = v.input!.noisy.filter((p, j) => p !== v.clean[j]).length;
    expect(changed).toBeGreaterThan(0.9 * img.length);
    expect(v.targets).toBeNull(); // no teacher given
  });

  it('a fresh draw per view, the same draw for the same seed; clipping keeps x̃ in [0, 1]', async () => {
    const r = recipe({ method: 'gaussian-augmentation', sigma: 0.5, clip: true });
    const a = await view(r, null, image(3), 1);
    const b = await view(r, null, image(3), 2);
    const again = await view(r, null, image(3), 1);
    expect(Array.from(a.input!.noisy)).not.toEqual(Array.from(b.input!.noisy));
    expect(Array.from(a.input!.noisy)).toEqual(Array.from(again.input!.noisy));
    expect(a.input!.noisy.some((p) => p === 0 || p === 255)).toBe(true); // σ = 0.5 saturates some pixels
    expect(a.targets).toBeNull();
    expect(a.spread).toBeNull();
  });

  it('hinton KD: soft targets are softmax(z/T) of the teacher on the clean image; no input noise', async () => {
    const img = image(5);
    const r = recipe({ method: 'hinton-kd', temperature: 4 });
    const v = await view(r, teacher, img);
    expect(v.input).toBeNull();
    expect(v.spread).toBeNull();
    const z = tf.tidy(() => teacher.apply(tf.tensor4d(img, [1, H, H, 1]), INFERENCE));
    const want = softmax(await z.data(), 4);
    z.dispose();
    expect(v.targets!.temperature).toBe(4);
    v.targets!.probs.forEach((p, k) => expect(p).toBeCloseTo(want[k], 5));
    expect(sum(v.targets!.probs)).toBeCloseTo(1, 5);
    // A higher temperature gives softer targets.
    const hot = await view(recipe({ method: 'hinton-kd', temperature: 20 }), teacher, img);
    expect(Math.max(...hot.targets!.probs)).toBeLessThan(Math.max(...v.targets!.probs));
  });

  it('fickle teacher: soft targets spread over 8 dropout masks; none without dropout', async () => {
    const r = recipe({ method: 'fickle-teacher', temperature: 2 });
    const v = await view(r);
    expect(v.targets).toBeNull();
    const s = v.spread!;
    expect(s.masks).toBe(FICKLE_MASKS);
    expect(s.mean).toHaveLength(K);
    expect(sum(s.mean)).toBeCloseTo(1, 5);
    s.mean.forEach((m, k) => {
      expect(s.min[k]).toBeLessThanOrEqual(m + 1e-7);
      expect(s.max[k]).toBeGreaterThanOrEqual(m - 1e-7);
    });
    expect(Math.max(...s.max.map((hi, k) => hi - s.min[k]))).toBeGreaterThan(1e-3);
    const flat = (await view(r, teacherNoDropout)).spread!;
    expect(Math.max(...flat.max.map((hi, k) => hi - flat.min[k]))).toBeLessThan(1e-6);
  });

  it('student alone: neither noise nor targets, only its prediction; a distilling recipe without a teacher too', async () => {
    const v = await view(recipe({ method: 'student-alone' }), teacher);
    expect(v.input).toBeNull();
    expect(v.targets).toBeNull();
    expect(v.spread).toBeNull();
    expect(v.prediction!.predicted).toBeGreaterThanOrEqual(0);
    expect(v.prediction!.confidence).toBeGreaterThan(0);
    const noTeacher = await view(recipe({ method: 'hinton-kd' }), null);
    expect(noTeacher.targets).toBeNull();
  });

  it('leaves no tensors behind', async () => {
    await view(recipe({ method: 'custom', kd: true, fickle: true, inputNoise: 'soft-randomization', sigma: 0.1 }));
    const before = tf.memory().numTensors;
    const v = await view(
      recipe({ method: 'custom', kd: true, fickle: true, inputNoise: 'soft-randomization', sigma: 0.1 }),
    );
    expect(v.input).not.toBeNull();
    expect(v.spread).not.toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('spreadOf: mean, min and max per class over rows', () => {
    const s = spreadOf([0.25, 0.75, 0.5, 0.5], 2);
    expect(s).toEqual({ masks: 2, mean: [0.375, 0.625], min: [0.25, 0.5], max: [0.5, 0.75] });
  });
});

describe('live predictions', () => {
  it('previewIndices: seeded, one per class in turn while classes last', () => {
    const labels = Uint8Array.from({ length: 100 }, (_, i) => i % 10);
    const a = previewIndices(labels, 100, 8, stream(1, 'data', 'preview'));
    expect(a).toHaveLength(8);
    expect(new Set(a.map((i) => labels[i])).size).toBe(8);
    expect(previewIndices(labels, 100, 8, stream(1, 'data', 'preview'))).toEqual(a);
    expect(previewIndices(labels, 100, 8, stream(2, 'data', 'preview'))).not.toEqual(a);
    // Two classes: they alternate; fewer images than asked: all of them.
    const two = Uint8Array.from([0, 0, 0, 0, 0, 1, 1]);
    const b = previewIndices(two, 7, 6, new Rng(3));
    expect(b.map((i) => two[i])).toEqual([...(two[b[0]] === 0 ? [0, 1, 0, 1] : [1, 0, 1, 0]), 0, 0]);
    expect(previewIndices(two, 3, 8, new Rng(3)).sort()).toEqual([0, 1, 2]);
  });

  it('predictImages: the argmax of softmax per image, read asynchronously', async () => {
    const x = image(9, 3 * H * H);
    const got = await predictImages(student, x, 3, [H, H, 1]);
    const z = tf.tidy(() => student.apply(tf.tensor4d(x, [3, H, H, 1]), INFERENCE));
    const zs = await z.data();
    z.dispose();
    got.forEach((g, i) => {
      const p = softmax(zs.subarray(i * K, (i + 1) * K));
      expect(g.predicted).toBe(p.indexOf(Math.max(...p)));
      expect(g.confidence).toBeCloseTo(Math.max(...p), 5);
    });
  });
});

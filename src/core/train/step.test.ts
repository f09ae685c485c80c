// "Which input each model sees": noise placement, label corruption placement, teacher inputs and flags,
// and which teacher each student distils from (planPhases).
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentConfig, studentSpec, type StudentSpec } from '../config/schema';
import type { HostBatch } from '../data/batches';
import { oneHot } from '../data/batches';
import { recipeOf } from '../methods';
import { crossEntropy, kdLoss } from '../methods/losses';
import type { Recipe } from '../methods/recipe';
import { buildModel } from '../nn/build';
import type { Forward, InputInfo, Model } from '../nn/model';
import { makeOptimizer, type Optim } from './optimizer';
import { Rng, stream } from '../rng';
import { recipeLoss, stepInputs, trainStep, type StepRngs } from './step';
import { planPhases } from './trainer';

const H = 8;
const K = 10;
const INPUT: InputInfo = { height: H, width: H, channels: 1, numClasses: K, mean: [0.5], std: [0.25] };

const recipe = (s: Record<string, unknown>): Recipe => recipeOf(studentSpec.parse(s) as StudentSpec);

function batch(size: number, pixels: number, seed = 1): HostBatch {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: size * pixels }, () => rng.next());
  const y = Uint8Array.from({ length: size }, (_, i) => i % K);
  return { x, y, size };
}

const rngs = (seed = 1): StepRngs => ({
  dropout: stream(seed, 'dropout', 't'),
  noise: stream(seed, 'noise', 't'),
  labels: stream(seed, 'labels', 't'),
});

function stats(a: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  const mean = s / a.length;
  let v = 0;
  for (let i = 0; i < a.length; i++) v += (a[i] - mean) ** 2;
  return { mean, std: Math.sqrt(v / a.length) };
}

const diff = (a: ArrayLike<number>, b: ArrayLike<number>) => Float32Array.from(a, (v, i) => v - b[i]);
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/** The student's input (host values) for a recipe, plus the clean input, from one stepInputs call. */
async function inputsFor(r: Recipe, b: HostBatch, g = rngs()) {
  const inp = stepInputs(b, [H, H, 1], K, r, 0, g);
  const out = {
    same: inp.xStudent === inp.x,
    x: await inp.x.data(),
    xs: await inp.xStudent.data(),
  };
  tf.dispose([inp.x, inp.xStudent, inp.yTrue, inp.yCe]);
  return out;
}

describe('stepInputs: what the student sees', () => {
  const b = batch(64, H * H); // 4,096 pixels: std of the sample std ≈ σ/90

  for (const method of ['student-alone', 'hinton-kd', 'fickle-teacher', 'messy-collaboration']) {
    it(`${method}: the student sees the clean x`, async () => {
      const { same, x, xs } = await inputsFor(recipe({ method }), b);
      expect(same).toBe(true);
      expect(maxAbsDiff(x, b.x)).toBeLessThan(1e-7);
      expect(maxAbsDiff(xs, b.x)).toBeLessThan(1e-7);
    });
  }

  for (const [method, sigma] of [
    ['gaussian-augmentation', 0.2],
    ['soft-randomization', 0.1],
    ['soft-randomization', 0.4],
  ] as const) {
    it(`${method} σ=${sigma}: the student sees x + N(0, σ²) noise, unclipped by default`, async () => {
      const { same, x, xs } = await inputsFor(recipe({ method, sigma }), b);
      expect(same).toBe(false);
      expect(maxAbsDiff(x, b.x)).toBeLessThan(1e-7); // clean x untouched
      const n = stats(diff(xs, x));
      expect(Math.abs(n.mean)).toBeLessThan(4 * (sigma / 64));
      expect(Math.abs(n.std - sigma)).toBeLessThan(0.05 * sigma);
      expect(Math.min(...xs)).toBeLessThan(0);
      expect(Math.max(...xs)).toBeGreaterThan(1);
    });
  }

  it('clip: the noisy input is clip(x + noise, 0, 1) with the same noise', async () => {
    for (const method of ['gaussian-augmentation', 'soft-randomization']) {
      const raw = await inputsFor(recipe({ method, sigma: 0.3 }), b, rngs(4));
      const clipped = await inputsFor(recipe({ method, sigma: 0.3, clip: true }), b, rngs(4));
      expect(Math.min(...clipped.xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...clipped.xs)).toBeLessThanOrEqual(1);
      const expected = Float32Array.from(raw.xs, (v) => Math.min(1, Math.max(0, v)));
      expect(maxAbsDiff(clipped.xs, expected)).toBeLessThan(1e-6);
    }
  });

  it('draws fresh noise on every step, and the same noise for the same seed', async () => {
    const r = recipe({ method: 'soft-randomization', sigma: 0.2 });
    const g = rngs(2);
    const a = await inputsFor(r, b, g);
    const c = await inputsFor(r, b, g);
    expect(maxAbsDiff(a.xs, c.xs)).toBeGreaterThan(0.1);
    const again = await inputsFor(r, b, rngs(2));
    expect(maxAbsDiff(a.xs, again.xs)).toBe(0);
  });
});

describe('stepInputs: which labels the CE term uses', () => {
  const N = 4000;
  const b = batch(N, 1);
  const N_TOL = 4 * Math.sqrt((0.27 * 0.73) / N);

  async function labelsFor(r: Recipe) {
    const inp = stepInputs(b, [1, 1, 1], K, r, r.studentLabelNoise, rngs(3));
    const yCe = await tf.argMax(inp.yCe, 1).data();
    const yTrue = await inp.yTrue.data();
    const oh = (await inp.yCe.data()) as Float32Array;
    tf.dispose([inp.x, inp.xStudent, inp.yTrue, inp.yCe]);
    let changed = 0;
    for (let i = 0; i < N; i++) if (yCe[i] !== yTrue[i]) changed++;
    return { changed: changed / N, yTrue, oh };
  }

  it('messy S (r=0.3): CE labels corrupted at rate ≈ r·(K−1)/K; the true labels stay clean', async () => {
    const { changed, yTrue, oh } = await labelsFor(recipe({ method: 'messy-collaboration', rate: 0.3, target: 'S' }));
    expect(Math.abs(changed - 0.27)).toBeLessThan(N_TOL);
    expect(Array.from(yTrue)).toEqual(Array.from(b.y));
    // Still one-hot rows.
    for (let i = 0; i < 50; i++) expect(oh.slice(i * K, (i + 1) * K).reduce((a, v) => a + v, 0)).toBe(1);
  });

  it('messy TS (r=0.3): the student CE labels are corrupted too', async () => {
    const { changed } = await labelsFor(recipe({ method: 'messy-collaboration', rate: 0.3, target: 'TS' }));
    expect(Math.abs(changed - 0.27)).toBeLessThan(N_TOL);
  });

  it('messy T: the student CE labels are clean', async () => {
    const r = recipe({ method: 'messy-collaboration', rate: 0.3, target: 'T' });
    expect(r.studentLabelNoise).toBe(0);
    expect(r.teacherLabelNoise).toBe(0.3);
    const { changed, oh } = await labelsFor(r);
    expect(changed).toBe(0);
    expect(Array.from(oh)).toEqual(Array.from(oneHot(b.y, K)));
  });
});

describe('trainStep: teacher and student inputs', () => {
  let student: Model;
  let teacher: Model;
  let optim: Optim;
  beforeAll(() => {
    student = buildModel({ family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0 }, INPUT, stream(1, 'init', 's'));
    teacher = buildModel({ family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.3 }, INPUT, stream(1, 'init', 't'));
    optim = makeOptimizer({ type: 'adam', lr: 0.01, weightDecay: 0 });
  });
  afterAll(() => {
    student.dispose();
    teacher.dispose();
    optim.dispose();
  });

  interface Call {
    x: Float32Array;
    f: Forward;
  }
  function recording(m: Model): { model: Model; calls: Call[] } {
    const calls: Call[] = [];
    const model: Model = {
      ...m,
      apply: (x, f) => {
        calls.push({ x: Float32Array.from(x.dataSync()), f: { ...f } });
        return m.apply(x, f);
      },
    };
    return { model, calls };
  }

  const snapshot = async (m: Model) => Promise.all([...m.trainable, ...m.state].map((v) => v.data()));

  function step(r: Recipe, b: HostBatch, withTeacher = true) {
    const t = recording(teacher);
    const s = recording(student);
    const out = trainStep(s.model, optim, 0, r, r.studentLabelNoise, b, rngs(5), withTeacher ? t.model : null);
    tf.dispose([out.loss, out.correct]);
    return { t: t.calls, s: s.calls };
  }

  const b = batch(16, H * H, 9);

  it('soft randomization: the teacher gets the clean x (inference mode), the student gets x + σ·ε', () => {
    const { t, s } = step(recipe({ method: 'soft-randomization', sigma: 0.2 }), b);
    expect(t).toHaveLength(1);
    expect(maxAbsDiff(t[0].x, b.x)).toBeLessThan(1e-7);
    expect(t[0].f.dropout).toBe(false);
    expect(t[0].f.bnTraining).toBe(false);
    expect(s).toHaveLength(1);
    const n = stats(diff(s[0].x, b.x));
    expect(Math.abs(n.std - 0.2)).toBeLessThan(0.03);
    expect(s[0].f.bnTraining).toBe(true);
  });

  it('soft randomization with ceOnClean: the student is also run on the clean x for the CE term', () => {
    const { t, s } = step(recipe({ method: 'soft-randomization', sigma: 0.2, ceOnClean: true }), b);
    expect(maxAbsDiff(t[0].x, b.x)).toBeLessThan(1e-7);
    expect(s).toHaveLength(2);
    expect(maxAbsDiff(s[0].x, b.x)).toBeGreaterThan(0.1);
    expect(maxAbsDiff(s[1].x, b.x)).toBeLessThan(1e-7);
  });

  it('fickle teacher: the teacher gets the clean x with dropout on and batch-norm in inference mode', () => {
    const { t, s } = step(recipe({ method: 'fickle-teacher' }), b);
    expect(t).toHaveLength(1);
    expect(maxAbsDiff(t[0].x, b.x)).toBeLessThan(1e-7);
    expect(t[0].f.dropout).toBe(true);
    expect(t[0].f.bnTraining).toBe(false);
    expect(typeof t[0].f.nextSeed).toBe('function');
    expect(maxAbsDiff(s[0].x, b.x)).toBeLessThan(1e-7);
  });

  it('hinton KD: teacher and student both see the clean x; teacher dropout off', () => {
    const { t, s } = step(recipe({ method: 'hinton-kd' }), b);
    expect(t[0].f.dropout).toBe(false);
    expect(t[0].f.bnTraining).toBe(false);
    expect(maxAbsDiff(t[0].x, b.x)).toBeLessThan(1e-7);
    expect(maxAbsDiff(s[0].x, b.x)).toBeLessThan(1e-7);
  });

  it('gaussian augmentation and student alone never query a teacher', () => {
    expect(step(recipe({ method: 'gaussian-augmentation' }), b).t).toHaveLength(0);
    expect(step(recipe({ method: 'student-alone' }), b).t).toHaveLength(0);
  });

  it('updates the student but never the teacher (frozen during distillation)', async () => {
    for (const method of ['hinton-kd', 'fickle-teacher', 'soft-randomization']) {
      const t0 = await snapshot(teacher);
      const s0 = await snapshot(student);
      step(recipe({ method }), b);
      const t1 = await snapshot(teacher);
      const s1 = await snapshot(student);
      t0.forEach((v, i) => expect(maxAbsDiff(v, t1[i])).toBe(0));
      expect(Math.max(...s0.map((v, i) => maxAbsDiff(v, s1[i])))).toBeGreaterThan(0);
    }
  });
});

describe('recipeLoss', () => {
  const N = 4;
  let y: tf.Tensor2D, logits: tf.Tensor2D, clean: tf.Tensor2D, teacherLogits: tf.Tensor2D;
  beforeAll(() => {
    y = tf.tensor2d(oneHot([0, 1, 2, 3], K), [N, K]);
    logits = tf.tensor2d(
      Array.from({ length: N * K }, (_, i) => Math.sin(i)),
      [N, K],
    );
    clean = tf.tensor2d(
      Array.from({ length: N * K }, (_, i) => Math.cos(i)),
      [N, K],
    );
    teacherLogits = tf.tensor2d(
      Array.from({ length: N * K }, (_, i) => Math.sin(2 * i + 1)),
      [N, K],
    );
  });
  afterAll(() => tf.dispose([y, logits, clean, teacherLogits]));
  const inp = () => ({ x: null as never, xStudent: null as never, yTrue: null as never, yCe: y });
  const val = async (s: tf.Scalar) => {
    const v = (await s.data())[0];
    s.dispose();
    return v;
  };

  it('CE only without KD, even when teacher logits are given', async () => {
    const got = await val(recipeLoss(recipe({ method: 'student-alone' }), inp(), logits, teacherLogits, () => clean));
    expect(got).toBeCloseTo(await val(crossEntropy(y, logits)), 6);
  });

  it('soft randomization: KD on s(x̃), CE on s(x̃) by default and on s(x) with ceOnClean', async () => {
    const r = recipe({ method: 'soft-randomization', temperature: 3, alpha: 0.7 });
    expect(await val(recipeLoss(r, inp(), logits, teacherLogits, () => clean))).toBeCloseTo(
      await val(kdLoss(y, logits, teacherLogits, logits, 3, 0.7)),
      6,
    );
    const rc = recipe({ method: 'soft-randomization', temperature: 3, alpha: 0.7, ceOnClean: true });
    expect(await val(recipeLoss(rc, inp(), logits, teacherLogits, () => clean))).toBeCloseTo(
      await val(kdLoss(y, clean, teacherLogits, logits, 3, 0.7)),
      6,
    );
  });
});

describe('method recipes', () => {
  it('custom composes noise sources; without KD there is no fickle teacher and noise is plain augmentation', () => {
    const on = recipe({ method: 'custom', fickle: true, inputNoise: 'soft-randomization', sigma: 0.3 });
    expect(on.kd).not.toBeNull();
    expect(on.fickle).toBe(true);
    expect(on.inputNoise?.mode).toBe('soft-randomization');
    const off = recipe({
      method: 'custom',
      kd: false,
      fickle: true,
      inputNoise: 'soft-randomization',
      teacherLabelNoise: 0.5,
    });
    expect(off.kd).toBeNull();
    expect(off.fickle).toBe(false);
    expect(off.inputNoise?.mode).toBe('augment');
    expect(off.teacherLabelNoise).toBe(0);
  });

  it('gaussian augmentation has no KD term; soft randomization has one', () => {
    expect(recipe({ method: 'gaussian-augmentation' }).kd).toBeNull();
    expect(recipe({ method: 'soft-randomization' }).kd).toEqual({ temperature: 4, alpha: 0.9 });
  });
});

describe('planPhases: which teacher each student distils from', () => {
  const cfgWith = (students: Record<string, unknown>[]) =>
    experimentConfig.parse({
      data: { dataset: 'synthetic', trainSize: 64, testSize: 32, size: 8 },
      teacher: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.3 }, epochs: 2 },
      student: { model: { family: 'cnn', channels: [2, 4], hidden: 8 }, epochs: 1 },
      students,
      optimizer: { type: 'adam', lr: 0.01 },
      batchSize: 16,
    });

  it('trains one teacher per distinct teacher label-noise rate, first, and shares it between students', () => {
    const phases = planPhases(
      cfgWith([
        { method: 'hinton-kd' },
        { method: 'messy-collaboration', rate: 0.2, target: 'T' },
        { method: 'messy-collaboration', rate: 0.2, target: 'TS' },
        { method: 'messy-collaboration', rate: 0.2, target: 'S' },
        { method: 'messy-collaboration', rate: 0.4, target: 'T' },
        { method: 'student-alone' },
      ]),
    );
    const teachers = phases.filter((p) => p.kind === 'teacher');
    const students = phases.filter((p) => p.kind === 'student');
    expect(phases.slice(0, 3).every((p) => p.kind === 'teacher')).toBe(true);
    expect(teachers.map((t) => t.labelNoise)).toEqual([0, 0.2, 0.4]);
    expect(new Set(teachers.map((t) => t.id)).size).toBe(3);
    const clean = teachers[0];
    const messy02 = teachers[1];
    // Teacher phases train on labels only (no KD, no input noise) with their own label noise, for teacher epochs.
    for (const t of teachers) {
      expect(t.recipe.kd).toBeNull();
      expect(t.recipe.inputNoise).toBeNull();
      expect(t.epochs).toBe(2);
      expect(t.teacherId).toBeNull();
    }
    expect(students.map((s) => s.teacherId)).toEqual([
      clean.id,
      messy02.id,
      messy02.id,
      clean.id,
      teachers[2].id,
      null,
    ]);
    // Messy T: teacher corrupted, student not. TS: both. S: student only.
    expect(students.map((s) => s.labelNoise)).toEqual([0, 0, 0.2, 0.2, 0, 0]);
    expect(students.map((s) => s.id)).toEqual([
      'student-1',
      'student-2',
      'student-3',
      'student-4',
      'student-5',
      'student-6',
    ]);
  });

  it('plans no teacher when no student distils', () => {
    const phases = planPhases(cfgWith([{ method: 'student-alone' }, { method: 'gaussian-augmentation' }]));
    expect(phases.map((p) => p.kind)).toEqual(['student', 'student']);
    expect(phases.every((p) => p.teacherId === null)).toBe(true);
  });

  it('gives a messy-T-only teacher a distinct id from the clean teacher', () => {
    const phases = planPhases(
      cfgWith([{ method: 'messy-collaboration', rate: 0.3, target: 'T' }, { method: 'hinton-kd' }]),
    );
    const teachers = phases.filter((p) => p.kind === 'teacher');
    expect(teachers.map((t) => t.labelNoise)).toEqual([0.3, 0]);
    expect(teachers[0].id).not.toBe(teachers[1].id);
    expect(phases.filter((p) => p.kind === 'student').map((s) => s.teacherId)).toEqual([
      teachers[0].id,
      teachers[1].id,
    ]);
  });
});

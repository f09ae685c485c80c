// Fickle Teacher semantics: dropout on with a fresh mask per query, batch-norm in inference mode (running
// statistics untouched), and the teacher's variables never updated while students distil from it.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentConfig, type ModelSpec } from '../config/schema';
import { syntheticDataset } from '../data/synthetic';
import { runExperiment } from '../train/trainer';
import { Rng, stream } from '../rng';
import { buildModel } from './build';
import { INFERENCE, type Forward, type InputInfo, type Model } from './model';

const INPUT3: InputInfo = {
  height: 8,
  width: 8,
  channels: 3,
  numClasses: 10,
  mean: [0.5, 0.4, 0.3],
  std: [0.3, 0.3, 0.3],
};
const WRN: ModelSpec = { family: 'wrn', depth: 10, widen: 1, dropout: 0.3 };
const CNN: ModelSpec = { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.3 };

function input(seed: number): tf.Tensor4D {
  const rng = new Rng(seed);
  return tf.tensor4d(
    Float32Array.from({ length: 4 * 8 * 8 * 3 }, () => rng.next()),
    [4, 8, 8, 3],
  );
}

const seeds = (seed: number) => {
  const r = new Rng(seed);
  return () => r.seed();
};

async function logits(m: Model, x: tf.Tensor4D, f: Forward): Promise<Float32Array> {
  const y = m.apply(x, f);
  const v = (await y.data()) as Float32Array;
  y.dispose();
  return v;
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

const snapshot = (vars: tf.Variable[]) => Promise.all(vars.map(async (v) => Float32Array.from(await v.data())));

for (const spec of [WRN, CNN]) {
  describe(`fickle forward pass on a ${spec.family.toUpperCase()} with dropout ${spec.dropout}`, () => {
    let m: Model;
    let x: tf.Tensor4D;
    beforeAll(async () => {
      m = buildModel(spec, INPUT3, stream(1, 'init', `fickle-${spec.family}`));
      x = input(2);
      if (m.state.length) {
        // Move the running statistics away from their (0, 1) initial values so inference mode is not trivial.
        tf.tidy(() => {
          m.apply(input(3), { dropout: false, bnTraining: true });
        });
      }
    });
    afterAll(() => {
      m.dispose();
      x.dispose();
    });

    const fickle = (seed: number): Forward => ({ dropout: true, bnTraining: false, nextSeed: seeds(seed) });

    it('different seeds give different logits (dropout active, fresh mask per query)', async () => {
      const a = await logits(m, x, fickle(11));
      const b = await logits(m, x, fickle(12));
      expect(maxAbsDiff(a, b)).toBeGreaterThan(1e-3);
      // And both differ from the plain inference output.
      const inf = await logits(m, x, INFERENCE);
      expect(maxAbsDiff(a, inf)).toBeGreaterThan(1e-3);
    });

    it('successive queries from one seed source differ (the mask is redrawn per call)', async () => {
      const f = fickle(21);
      const a = await logits(m, x, f);
      const b = await logits(m, x, f);
      expect(maxAbsDiff(a, b)).toBeGreaterThan(1e-3);
    });

    it('the same seed gives identical logits', async () => {
      const a = await logits(m, x, fickle(31));
      const b = await logits(m, x, fickle(31));
      expect(maxAbsDiff(a, b)).toBe(0);
    });

    it('with dropout off two calls are identical and equal the inference output', async () => {
      const a = await logits(m, x, { dropout: false, bnTraining: false });
      const b = await logits(m, x, { dropout: false, bnTraining: false, nextSeed: seeds(5) });
      expect(maxAbsDiff(a, b)).toBe(0);
    });

    it('dropout without a seed source is an error (no silent repeated masks)', () => {
      expect(() => tf.tidy(() => m.apply(x, { dropout: true, bnTraining: false }))).toThrow(/seed/);
    });

    it('leaves every variable, including batch-norm running statistics, unchanged', async () => {
      const before = await snapshot([...m.trainable, ...m.state]);
      for (let i = 0; i < 3; i++) await logits(m, x, fickle(40 + i));
      const after = await snapshot([...m.trainable, ...m.state]);
      before.forEach((v, i) => expect(maxAbsDiff(v, after[i])).toBe(0));
    });
  });
}

describe('batch-norm mode is independent of dropout', () => {
  it('a WRN without dropout gives the inference output when queried with dropout:true, bnTraining:false', async () => {
    const m = buildModel({ ...WRN, dropout: 0 }, INPUT3, stream(1, 'init', 'nodrop'));
    const x = input(4);
    tf.tidy(() => {
      m.apply(input(5), { dropout: false, bnTraining: true });
    });
    const inf = await logits(m, x, INFERENCE);
    const fk = await logits(m, x, { dropout: true, bnTraining: false, nextSeed: seeds(1) });
    expect(maxAbsDiff(inf, fk)).toBe(0);
    m.dispose();
    x.dispose();
  });

  it('control: a training-mode pass does move the running statistics (so the check above is not vacuous)', async () => {
    const m = buildModel(WRN, INPUT3, stream(1, 'init', 'control'));
    const before = await snapshot(m.state);
    tf.tidy(() => {
      m.apply(input(6), { dropout: true, bnTraining: true, nextSeed: seeds(2) });
    });
    const after = await snapshot(m.state);
    expect(Math.max(...before.map((v, i) => maxAbsDiff(v, after[i])))).toBeGreaterThan(1e-3);
    m.dispose();
  });
});

describe('fickle-teacher run: the teacher stays frozen', () => {
  it("a student's training never changes the teacher's weights or batch-norm statistics", async () => {
    const cfg = experimentConfig.parse({
      seed: 3,
      data: { dataset: 'synthetic', trainSize: 48, testSize: 16, size: 8, channels: 3 },
      teacher: { model: WRN, epochs: 1 },
      student: { model: { family: 'cnn', channels: [2, 4], hidden: 8 }, epochs: 1 },
      students: [{ method: 'fickle-teacher' }],
      optimizer: { type: 'sgd', lr: 0.05 },
      schedule: 'constant',
      batchSize: 16,
    });
    const data = syntheticDataset({ trainSize: 48, testSize: 16, size: 8, channels: 3, seed: 3 });
    // Run 1 trains the teacher (and a student); keep the teacher.
    const first = await runExperiment(cfg, data, { keepTeachers: true, maxStepsPerEpoch: 2 });
    const teacher = first.models.get('teacher')!;
    expect(teacher).toBeDefined();
    first.models.get('student-1')!.dispose();
    const before = await snapshot([...teacher.trainable, ...teacher.state]);
    // Teacher training did move the BN statistics away from (0, 1), so an accidental training-mode pass would show.
    expect(before.slice(teacher.trainable.length).some((v) => v.some((e) => e !== 0 && e !== 1))).toBe(true);

    // Run 2 distils a fickle student from the same teacher object.
    const phases: string[] = [];
    const second = await runExperiment(cfg, data, {
      reuse: new Map([['teacher', teacher]]),
      maxStepsPerEpoch: 3,
      listener: { onPhaseStart: (p) => phases.push(`${p.id}${p.reused ? ' (reused)' : ''}`) },
    });
    expect(phases).toEqual(['teacher (reused)', 'student-1']);
    const after = await snapshot([...teacher.trainable, ...teacher.state]);
    before.forEach((v, i) => expect(maxAbsDiff(v, after[i])).toBe(0));
    // The reused teacher is the caller's: still alive after the run.
    expect(teacher.trainable.every((v) => !v.isDisposed)).toBe(true);
    for (const m of second.models.values()) if (m !== teacher) m.dispose();
    teacher.dispose();
  });
});

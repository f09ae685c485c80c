// Nothing lost: a run killed after any epoch and resumed in a fresh run from its last checkpoint alone (cloned,
// as IndexedDB would store it) ends with exactly the metrics and weights of an uninterrupted run, for Adam and SGD,
// teachers and students of every noise source, batch norm and crop+flip augmentation; without tensor leaks.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { experimentConfig, type ExperimentConfig, type ExperimentConfigInput } from '../config/schema';
import { syntheticDataset } from '../data/synthetic';
import type { Dataset } from '../data/types';
import type { Model } from '../nn/model';
import { checkpointBytes, type RunCheckpoint } from './checkpoint';
import { RunControl, StoppedError } from './control';
import type { EpochMetrics, ModelResult, PhaseInfo, StepSample } from './events';
import { exportOptimState, importOptimState, makeOptimizer } from './optimizer';
import { runExperiment, type TrainerOptions } from './trainer';

const grey = syntheticDataset({ trainSize: 64, testSize: 32, size: 8, channels: 1, seed: 5 });
const colour: Dataset = {
  ...syntheticDataset({ trainSize: 64, testSize: 32, size: 8, channels: 3, seed: 5 }),
  augment: 'crop-flip',
};

// Adam, cosine; two teachers (clean, and r=0.3 for messy TS); fickle, soft-randomization and messy students.
const adamCfg = experimentConfig.parse({
  seed: 7,
  data: { dataset: 'synthetic', trainSize: 64, testSize: 32, size: 8, channels: 1 },
  teacher: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.3 }, epochs: 2 },
  student: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.2 }, epochs: 2 },
  students: [
    { method: 'fickle-teacher' },
    { method: 'soft-randomization', sigma: 0.2, ceOnClean: true },
    { method: 'messy-collaboration', rate: 0.3, target: 'TS' },
  ],
  optimizer: { type: 'adam', lr: 0.01 },
  schedule: 'cosine',
  batchSize: 16,
} satisfies ExperimentConfigInput);

// SGD with momentum and weight decay; a WRN student with batch norm; colour data with crop+flip.
const sgdCfg = experimentConfig.parse({
  seed: 3,
  data: { dataset: 'synthetic', trainSize: 64, testSize: 32, size: 8, channels: 3 },
  teacher: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.3 }, epochs: 1 },
  student: { model: { family: 'wrn', depth: 10, widen: 1, dropout: 0.2 }, epochs: 3 },
  students: [
    { method: 'hinton-kd' },
    { method: 'custom', fickle: true, inputNoise: 'soft-randomization', sigma: 0.1, studentLabelNoise: 0.2 },
  ],
  optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 5e-4 },
  schedule: 'cosine',
  batchSize: 8,
} satisfies ExperimentConfigInput);

const base: TrainerOptions = { maxStepsPerEpoch: 2, sampleEvery: 1 };

type Metrics = Omit<EpochMetrics, 'seconds' | 'imgPerSec'>;
const strip = ({ seconds: _s, imgPerSec: _i, ...m }: EpochMetrics): Metrics => m;
const stripResult = (r: ModelResult) => ({
  id: r.id,
  testAcc: r.testAcc,
  testLoss: r.testLoss,
  history: r.history.map(strip),
});

/** Every variable of every model (trainable, then state), by id; disposes the models. */
async function takeWeights(models: Map<string, Model>): Promise<Map<string, number[][]>> {
  const out = new Map<string, number[][]>();
  for (const [id, m] of models) {
    out.set(id, await Promise.all([...m.trainable, ...m.state].map(async (v) => Array.from(await v.data()))));
    m.dispose();
  }
  return out;
}

async function uninterrupted(cfg: ExperimentConfig, data: Dataset, opts: TrainerOptions) {
  const epochs: Metrics[] = [];
  const out = await runExperiment(cfg, data, { ...opts, listener: { onEpochEnd: (e) => epochs.push(strip(e)) } });
  return { epochs, results: out.results.map(stripResult), weights: await takeWeights(out.models) };
}

class Killed extends Error {}

/**
 * Runs until the checkpoint `at` picks, "kills" the run there (throwing from onCheckpoint, or RunControl.stop()),
 * then resumes from a structured clone of that checkpoint in a fresh run.
 */
async function killAndResume(
  cfg: ExperimentConfig,
  data: Dataset,
  opts: TrainerOptions,
  at: (cp: RunCheckpoint) => boolean,
  how: 'throw' | 'stop',
) {
  const baseline = tf.memory().numTensors;
  const epochs: Metrics[] = [];
  const control = new RunControl();
  let taken: RunCheckpoint | null = null;
  const err = await runExperiment(cfg, data, {
    ...opts,
    control,
    listener: { onEpochEnd: (e) => epochs.push(strip(e)) },
    onCheckpoint: (cp) => {
      if (taken || !at(cp)) return;
      taken = cp;
      if (how === 'throw') throw new Killed();
      control.stop();
    },
  }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(how === 'throw' ? Killed : StoppedError);
  expect(tf.memory().numTensors, 'tensors left by the killed run').toBe(baseline);
  const cp = structuredClone(taken!); // plain data: survives IndexedDB / postMessage as is
  const starts: PhaseInfo[] = [];
  const firstSteps: StepSample[] = [];
  const out = await runExperiment(cfg, data, {
    ...opts,
    resumeFrom: cp,
    listener: {
      onEpochEnd: (e) => epochs.push(strip(e)),
      onPhaseStart: (p) => starts.push(p),
      onStep: (s) => firstSteps.length || firstSteps.push(s),
    },
  });
  // Epoch numbering continues from the checkpoint.
  expect(firstSteps[0]).toMatchObject({ epoch: cp.current?.epoch ?? 0, step: 1 });
  const result = { epochs, results: out.results.map(stripResult), weights: await takeWeights(out.models) };
  expect(tf.memory().numTensors, 'tensors left by the resumed run').toBe(baseline);
  return { ...result, cp: taken!, starts };
}

function expectSame(a: Awaited<ReturnType<typeof uninterrupted>>, b: Awaited<ReturnType<typeof uninterrupted>>) {
  expect(b.epochs).toEqual(a.epochs);
  expect(b.results).toEqual(a.results);
  expect([...b.weights.keys()]).toEqual([...a.weights.keys()]);
  for (const [id, ws] of a.weights) {
    const other = b.weights.get(id)!;
    expect(other.length).toBe(ws.length);
    ws.forEach((w, i) => expect(other[i], `${id} variable ${i}`).toEqual(w));
  }
}

describe('optimiser state', () => {
  for (const spec of [
    { type: 'adam', lr: 0.01, weightDecay: 0 },
    { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0 },
  ] as const) {
    it(`${spec.type}: exported after 37 steps and imported into a fresh optimiser, the next steps are bit-identical`, async () => {
      const baseline = tf.memory().numTensors;
      const grad = (t: number) => tf.tensor1d([Math.sin(t), Math.cos(3 * t), 0.1 * t]);
      const step = (o: ReturnType<typeof makeOptimizer>, v: tf.Variable, t: number) =>
        tf.tidy(() => o.opt.applyGradients({ [v.name]: grad(t) }));
      const a = tf.tidy(() => tf.variable(tf.tensor1d([1, -2, 0.5]), true));
      const oa = makeOptimizer(spec);
      for (let t = 0; t < 37; t++) step(oa, a, t);
      const state = structuredClone(await exportOptimState(oa));
      expect(state.iterations).toBe(37);
      const b = tf.tidy(() => tf.variable(a.clone(), true));
      const ob = makeOptimizer(spec);
      await importOptimState(ob, state, [b]);
      for (let t = 37; t < 80; t++) {
        step(oa, a, t);
        step(ob, b, t);
      }
      expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
      expect(await exportOptimState(ob)).toEqual(await exportOptimState(oa));
      const oc = makeOptimizer(spec);
      await expect(importOptimState(oc, { ...state, slots: [] }, [b])).rejects.toThrow(/0 slots; the model needs/);
      [oa, ob, oc].forEach((o) => o.dispose());
      tf.dispose([a, b]);
      expect(tf.memory().numTensors).toBe(baseline);
    });
  }
});

describe('resume from a checkpoint', () => {
  it('Adam, cosine, teachers + fickle / soft-randomization / messy TS: killed mid-teacher, mid-student, at a phase boundary', async () => {
    const opts = { ...base };
    const ref = await uninterrupted(adamCfg, grey, opts);
    expect(ref.epochs).toHaveLength(2 * 2 + 3 * 2);
    expect([...ref.weights.keys()]).toEqual(['student-1', 'student-2', 'student-3']);

    // Mid-phase in the first teacher.
    const a = await killAndResume(adamCfg, grey, opts, (cp) => cp.current?.id === 'teacher', 'throw');
    expect(a.cp).toMatchObject({ phase: 0, current: { id: 'teacher', epoch: 1 }, results: [] });
    expect(a.starts[0]).toMatchObject({ id: 'teacher', resumed: true });
    expectSame(ref, a);

    // Mid-phase in student 2: both teachers (still needed) and student 1 travel in the checkpoint.
    const b = await killAndResume(adamCfg, grey, opts, (cp) => cp.current?.id === 'student-2', 'throw');
    expect(b.cp.models.map((m) => m.id)).toEqual(['teacher', 'teacher-r0.3', 'student-1', 'student-2']);
    expect(b.starts.map((s) => s.id)).toEqual(['student-2', 'student-3']);
    expect(b.starts[1]).not.toHaveProperty('resumed');
    expectSame(ref, b);

    // At the boundary after student 2: the clean teacher is no longer needed and is not saved.
    const c = await killAndResume(adamCfg, grey, opts, (cp) => cp.phase === 4, 'stop');
    expect(c.cp.current).toBeNull();
    expect(c.cp.models.map((m) => m.id)).toEqual(['teacher-r0.3', 'student-1', 'student-2']);
    expect(c.starts.map((s) => s.id)).toEqual(['student-3']);
    expectSame(ref, c);
  });

  it('SGD momentum + weight decay, WRN student with batch norm, crop+flip, keepTeachers: mid-student and boundary', async () => {
    const opts = { ...base, keepTeachers: true };
    const ref = await uninterrupted(sgdCfg, colour, opts);
    expect([...ref.weights.keys()]).toEqual(['teacher', 'student-1', 'student-2']);

    const a = await killAndResume(
      sgdCfg,
      colour,
      opts,
      (cp) => cp.current?.id === 'student-2' && cp.current.epoch === 2,
      'stop',
    );
    expect(a.cp.current!.rng.augment).not.toBeNull();
    expect(a.cp.current!.optimizer.type).toBe('sgd');
    expect(a.cp.current!.history.map((h) => h.epoch)).toEqual([1, 2]);
    expectSame(ref, a);

    const b = await killAndResume(sgdCfg, colour, opts, (cp) => cp.phase === 1, 'throw');
    expect(b.cp.models.map((m) => m.id)).toEqual(['teacher']);
    expectSame(ref, b);
  });

  it('checkpoints every epoch and at every phase end; the last one holds the finished run; tensors stay flat', async () => {
    const cps: RunCheckpoint[] = [];
    const atEpochEnd: number[] = [];
    const atCheckpoint: number[] = [];
    const ref = await uninterrupted(adamCfg, grey, base);
    const out = await runExperiment(adamCfg, grey, {
      ...base,
      listener: { onEpochEnd: () => atEpochEnd.push(tf.memory().numTensors) },
      onCheckpoint: async (cp) => {
        cps.push(cp);
        if (cp.current) atCheckpoint.push(tf.memory().numTensors);
        await new Promise((r) => setTimeout(r, 1)); // awaited: the run waits for the store
      },
    });
    // Taking a checkpoint creates no tensors: counts match those at the epoch end just before.
    expect(atCheckpoint).toEqual(atEpochEnd.filter((_, i) => i % 2 === 0));
    // 5 phases × 2 epochs: one mid-phase checkpoint each, and one per phase end.
    expect(cps.map((c) => `${c.phase}:${c.current?.epoch ?? '-'}`).join(' ')).toBe(
      '0:1 1:- 1:1 2:- 2:1 3:- 3:1 4:- 4:1 5:-',
    );
    expect(cps.every((c, i) => i === 0 || c.stepsDone > cps[i - 1].stepsDone || c.phase > cps[i - 1].phase)).toBe(true);
    // A finished model's arrays are read once and shared by later checkpoints.
    const s1 = (cp: RunCheckpoint) => cp.models.find((m) => m.id === 'student-1')!.model;
    expect(s1(cps[9])).toBe(s1(cps[5]));
    for (const m of out.models.values()) m.dispose();

    // Resuming from the final checkpoint trains nothing and returns the same results and models.
    let started = 0;
    const done = await runExperiment(adamCfg, grey, {
      ...base,
      resumeFrom: structuredClone(cps[9]),
      listener: { onPhaseStart: () => started++ },
    });
    expect(started).toBe(0);
    expect(done.results.map(stripResult)).toEqual(ref.results);
    const w = await takeWeights(done.models);
    for (const [id, ws] of ref.weights) expect(w.get(id)).toEqual(ws);
    expect(checkpointBytes(cps[9])).toBeGreaterThan(0);
  });

  it('resumes a checkpoint from before the clean training-subset metrics: old epochs lack them, new ones have them', async () => {
    const opts = { ...base };
    const ref = await uninterrupted(adamCfg, grey, opts);
    let cp: RunCheckpoint | null = null;
    const stop = new RunControl();
    await runExperiment(adamCfg, grey, {
      ...opts,
      control: stop,
      onCheckpoint: (c) => {
        if (c.current?.id !== 'student-1') return;
        cp = structuredClone(c);
        stop.stop();
      },
    }).catch(() => {});
    // As an older version stored it: no cleanTrainLoss / cleanTrainAcc anywhere.
    const old = (h: EpochMetrics[]) =>
      h.map(({ cleanTrainLoss: _l, cleanTrainAcc: _a, ...rest }) => rest as EpochMetrics);
    const older: RunCheckpoint = {
      ...cp!,
      results: cp!.results.map((r) => ({ ...r, history: old(r.history) })),
      current: { ...cp!.current!, history: old(cp!.current!.history) },
    };
    const out = await runExperiment(adamCfg, grey, { ...opts, resumeFrom: older });
    const resumed = out.results.map(stripResult);
    // Training continues exactly; only the records taken before the resume lack the new fields.
    const core = ({ cleanTrainLoss: _l, cleanTrainAcc: _a, ...rest }: Metrics) => rest;
    expect(resumed.map((r) => r.history.map(core))).toEqual(ref.results.map((r) => r.history.map(core)));
    const s1 = resumed.find((r) => r.id === 'student-1')!.history;
    expect(s1.map((h) => 'cleanTrainLoss' in h)).toEqual([false, true]);
    expect(s1[1]).toEqual(ref.results.find((r) => r.id === 'student-1')!.history[1]);
    expect(resumed.at(-1)!.history.every((h) => Number.isFinite(h.cleanTrainLoss))).toBe(true);
    for (const m of out.models.values()) m.dispose();
  });

  it('refuses a checkpoint from another config, step count or data set, with a clear error', async () => {
    let cp: RunCheckpoint | null = null;
    const stop = new RunControl();
    await runExperiment(adamCfg, grey, {
      ...base,
      control: stop,
      onCheckpoint: (c) => {
        cp = c;
        stop.stop();
      },
    }).catch(() => {});
    const resume = (cfg: ExperimentConfig, data: Dataset, steps: number) =>
      runExperiment(cfg, data, { maxStepsPerEpoch: steps, resumeFrom: cp! });
    await expect(resume({ ...adamCfg, seed: 8 }, grey, 2)).rejects.toThrow(/another configuration/);
    await expect(resume(adamCfg, grey, 3)).rejects.toThrow(/ran 2 steps per epoch; this run has 3/);
    const other = syntheticDataset({ trainSize: 64, testSize: 32, size: 8, channels: 1, seed: 6 });
    await expect(resume(adamCfg, other, 2)).rejects.toThrow(/other training data/);
    const noTeacher = { ...cp!, models: cp!.models.filter((m) => m.id !== 'teacher') };
    await expect(runExperiment(adamCfg, grey, { ...base, resumeFrom: noTeacher })).rejects.toThrow(
      /lacks the model of "teacher"/,
    );
    // Another backend or attack setting is fine (they do not change training).
    const ok = await runExperiment({ ...adamCfg, backend: 'wasm', attack: { ...adamCfg.attack, eps: 0.3 } }, grey, {
      ...base,
      resumeFrom: cp!,
    });
    for (const m of ok.models.values()) m.dispose();
  });
});

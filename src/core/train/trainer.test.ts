// The experiment runner end to end on tiny synthetic configs: it learns, reports events, detects divergence,
// and honours pause / resume / stop, without leaking tensors.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { experimentConfig, type ExperimentConfig, type ExperimentConfigInput } from '../config/schema';
import { syntheticDataset } from '../data/synthetic';
import { RunControl, StoppedError } from './control';
import type { EpochMetrics, PhaseInfo, StepSample } from './events';
import { DivergedError, runExperiment } from './trainer';

function config(over: Partial<ExperimentConfigInput> = {}): ExperimentConfig {
  return experimentConfig.parse({
    seed: 1,
    data: { dataset: 'synthetic', trainSize: 512, testSize: 128, size: 8, channels: 1 },
    teacher: { model: { family: 'cnn', channels: [4, 8], hidden: 16, dropout: 0.3 }, epochs: 1 },
    student: { model: { family: 'cnn', channels: [4, 8], hidden: 16 }, epochs: 3 },
    students: [{ method: 'student-alone' }],
    optimizer: { type: 'adam', lr: 0.01 },
    schedule: 'cosine',
    batchSize: 32,
    ...over,
  });
}

const data = syntheticDataset({ trainSize: 512, testSize: 128, size: 8, channels: 1, seed: 1 });
const small = syntheticDataset({ trainSize: 64, testSize: 32, size: 8, channels: 1, seed: 1 });

const disposeAll = (out: { models: Map<string, { dispose(): void }> }) => {
  for (const m of out.models.values()) m.dispose();
};

describe('runExperiment', () => {
  it('learns: test accuracy clearly above chance after 3 epochs, with consistent events', async () => {
    const starts: PhaseInfo[] = [];
    const steps: StepSample[] = [];
    const epochs: EpochMetrics[] = [];
    const out = await runExperiment(config(), data, {
      listener: {
        onPhaseStart: (p) => starts.push(p),
        onStep: (s) => steps.push(s),
        onEpochEnd: (e) => epochs.push(e),
      },
    });
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({
      id: 'student-1',
      kind: 'student',
      epochs: 3,
      stepsPerEpoch: 16,
      index: 0,
      total: 1,
    });
    expect(starts[0].params).toBeGreaterThan(0);

    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    const [r] = out.results;
    expect(r.history).toEqual(epochs);
    expect(r.testAcc).toBe(epochs[2].testAcc);
    expect(r.testAcc).toBeGreaterThan(0.4); // chance is 0.1
    expect(epochs[2].trainLoss).toBeLessThan(epochs[0].trainLoss);
    expect(epochs[2].trainLoss).toBeLessThan(Math.log(10));

    // Step samples: increasing progress, finite losses, cosine-decayed learning rate.
    expect(steps.length).toBeGreaterThan(3);
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i].progress).toBeGreaterThan(steps[i - 1].progress);
      expect(steps[i].lr).toBeLessThanOrEqual(steps[i - 1].lr);
    }
    expect(steps.every((s) => Number.isFinite(s.loss))).toBe(true);
    expect(steps[0].lr).toBeLessThanOrEqual(0.01);
    expect(steps.at(-1)!.lr).toBeLessThan(0.001);
    expect(steps.at(-1)!.progress).toBe(3);
    disposeAll(out);
  });

  it('throws DivergedError naming the learning rate at lr 1e3 (SGD momentum), and leaks no tensors', async () => {
    const cfg = config({
      data: { dataset: 'synthetic', trainSize: 64, testSize: 32, size: 8, channels: 1 },
      optimizer: { type: 'sgd', lr: 1e3, momentum: 0.9, weightDecay: 0 },
      schedule: 'constant',
      batchSize: 16,
    });
    const before = tf.memory().numTensors;
    const err = await runExperiment(cfg, small).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DivergedError);
    expect((err as Error).message).toMatch(/learning rate \(1000\)/);
    expect((err as Error).message).toMatch(/S1: Student alone/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('RunControl.stop() makes the run reject with StoppedError, without leaking tensors', async () => {
    const control = new RunControl();
    const before = tf.memory().numTensors;
    const run = runExperiment(config({ students: [{ method: 'fickle-teacher' }] }), small, {
      control,
      sampleEvery: 1,
      listener: {
        onStep: (s) => {
          if (s.id === 'student-1' && s.step === 2) control.stop();
        },
      },
    });
    await expect(run).rejects.toBeInstanceOf(StoppedError);
    expect(control.isStopped).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a run started on a stopped control rejects at once', async () => {
    const control = new RunControl();
    control.stop();
    let steps = 0;
    await expect(runExperiment(config(), small, { control, listener: { onStep: () => steps++ } })).rejects.toThrow(
      StoppedError,
    );
    expect(steps).toBe(0);
  });

  it('pause() holds the run between steps; resume() lets it finish', async () => {
    const control = new RunControl();
    let steps = 0;
    let pauses = 0;
    let stepsAtPause = -1;
    let stepsWhilePaused = -1;
    const out = await runExperiment(config({ student: { model: config().student.model, epochs: 2 } }), small, {
      control,
      sampleEvery: 1,
      listener: {
        onStep: (s) => {
          steps++;
          if (s.epoch === 0 && s.step === 1) {
            control.pause();
            stepsAtPause = steps;
            setTimeout(() => {
              stepsWhilePaused = steps;
              expect(control.isPaused).toBe(true);
              control.resume();
            }, 150);
          }
        },
        onPause: () => pauses++,
      },
    });
    expect(pauses).toBe(1);
    expect(stepsWhilePaused).toBe(stepsAtPause); // nothing ran while paused
    expect(steps).toBe(2 * 2); // 2 epochs × (64 / 32) steps, all sampled
    expect(out.results[0].history).toHaveLength(2);
    disposeAll(out);
  });

  it('stop() while paused rejects with StoppedError', async () => {
    const control = new RunControl();
    const run = runExperiment(config(), small, {
      control,
      listener: {
        onStep: () => {
          if (!control.isPaused) {
            control.pause();
            setTimeout(() => control.stop(), 50);
          }
        },
      },
    });
    await expect(run).rejects.toBeInstanceOf(StoppedError);
  });
});

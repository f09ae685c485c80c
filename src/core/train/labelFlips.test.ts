// The trainer reports each label-noise batch's flips (for the noise panel) without changing anything it trains:
// the flips are those of the batch the CE term used, reported only for models with label noise, from the phase's
// first step and then throttled; a run with the listener gives the same metrics and weights as one without.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { experimentConfig, studentSpec, type StudentSpec } from '../config/schema';
import { syntheticDataset } from '../data/synthetic';
import { recipeOf } from '../methods';
import { corruptLabels } from '../methods/labelNoise';
import { buildModel } from '../nn/build';
import { Rng, stream } from '../rng';
import type { LabelFlips } from './events';
import { makeOptimizer } from './optimizer';
import { trainStep } from './step';
import { runExperiment } from './trainer';

const cfg = experimentConfig.parse({
  seed: 4,
  data: { dataset: 'synthetic', trainSize: 64, testSize: 16, size: 8, channels: 1 },
  teacher: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.3 }, epochs: 1 },
  student: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0 }, epochs: 2 },
  students: [
    { method: 'hinton-kd' },
    { method: 'messy-collaboration', rate: 0.5, target: 'S' },
    { method: 'messy-collaboration', rate: 0.3, target: 'T' },
  ],
  optimizer: { type: 'adam', lr: 0.01 },
  batchSize: 16,
});
const data = syntheticDataset({ trainSize: 64, testSize: 16, size: 8, channels: 1, seed: 2 });

async function run(flips?: LabelFlips[]) {
  const epochs: number[] = [];
  const out = await runExperiment(cfg, data, {
    keepTeachers: true,
    listener: {
      onEpochEnd: (m) => epochs.push(m.trainLoss, m.testLoss, m.testAcc),
      ...(flips ? { onLabelFlips: (f: LabelFlips) => flips.push(f) } : {}),
    },
  });
  const weights: number[] = [];
  for (const m of out.models.values()) {
    for (const v of [...m.trainable, ...m.state]) weights.push(...(await v.data()));
    m.dispose();
  }
  return { epochs, weights };
}

describe('label flips from the trainer', () => {
  it('are reported for the models with label noise only, from their first step; training is unchanged', async () => {
    const flips: LabelFlips[] = [];
    const a = await run(flips);
    const b = await run();
    expect(a.epochs).toEqual(b.epochs);
    expect(a.weights).toEqual(b.weights);
    // Messy S corrupts student-2's labels; messy T the labels of its teacher (r = 0.3).
    expect([...new Set(flips.map((f) => f.id))].sort()).toEqual(['student-2', 'teacher-r0.3']);
    for (const id of ['student-2', 'teacher-r0.3']) {
      const first = flips.find((f) => f.id === id)!;
      expect(first).toMatchObject({ epoch: 0, step: 1, batch: 16, rate: id === 'student-2' ? 0.5 : 0.3 });
    }
    for (const f of flips) {
      expect(f.count).toBeGreaterThanOrEqual(0);
      expect(f.count).toBeLessThanOrEqual(f.batch);
      expect(f.examples.length).toBe(Math.min(4, f.count));
      for (const e of f.examples) expect(e.from).not.toBe(e.to);
    }
  });

  it('trainStep returns the labels the CE term used: the same corruption the labels stream draws', () => {
    const info = { height: 4, width: 4, channels: 1, numClasses: 10, mean: [0.5], std: [0.25] };
    const model = buildModel({ family: 'cnn', channels: [2, 2], hidden: 4, dropout: 0 }, info, stream(1, 'init', 'x'));
    const optim = makeOptimizer({ type: 'adam', lr: 0.01, weightDecay: 0 });
    const r = new Rng(3);
    const b = {
      x: Float32Array.from({ length: 32 * 16 }, () => r.next()),
      y: Uint8Array.from({ length: 32 }, (_, i) => i % 10),
      size: 32,
    };
    const rngs = () => ({
      dropout: stream(1, 'dropout', 'x'),
      noise: stream(1, 'noise', 'x'),
      labels: stream(1, 'labels', 'x'),
    });
    const recipe = recipeOf(
      studentSpec.parse({ method: 'messy-collaboration', rate: 0.5, target: 'S' }) as StudentSpec,
    );
    const out = trainStep(model, optim, 0, recipe, 0.5, b, rngs(), null);
    tf.dispose([out.loss, out.correct]);
    expect(Array.from(out.ceLabels)).toEqual(Array.from(corruptLabels(b.y, 0.5, 10, rngs().labels)));
    expect(Array.from(out.ceLabels)).not.toEqual(Array.from(b.y));
    const clean = trainStep(model, optim, 0, recipe, 0, b, rngs(), null);
    tf.dispose([clean.loss, clean.correct]);
    expect(clean.ceLabels).toBe(b.y);
    model.dispose();
    optim.dispose();
  });
});

// No tensor leaks: numTensors is flat across steps and epochs of a phase, and back at the baseline once the
// run's models are disposed.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { experimentConfig, type ExperimentConfigInput } from '../config/schema';
import { syntheticDataset } from '../data/synthetic';
import { runExperiment } from './trainer';

const data = syntheticDataset({ trainSize: 48, testSize: 20, size: 8, channels: 1, seed: 2 });

async function checkRun(input: Partial<ExperimentConfigInput>) {
  const cfg = experimentConfig.parse({
    seed: 4,
    data: { dataset: 'synthetic', trainSize: 48, testSize: 20, size: 8, channels: 1 },
    teacher: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.3 }, epochs: 2 },
    student: { model: { family: 'cnn', channels: [2, 4], hidden: 8 }, epochs: 3 },
    students: [{ method: 'student-alone' }],
    optimizer: { type: 'adam', lr: 0.01 },
    batchSize: 16,
    ...input,
  });
  const baseline = tf.memory().numTensors;
  const atEpochEnd = new Map<string, number[]>();
  const atStep = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, id: string) => {
    if (!m.has(id)) m.set(id, []);
    m.get(id)!.push(tf.memory().numTensors);
  };
  const out = await runExperiment(cfg, data, {
    maxStepsPerEpoch: 2,
    sampleEvery: 1,
    listener: { onEpochEnd: (e) => push(atEpochEnd, e.id), onStep: (s) => push(atStep, s.id) },
  });
  for (const [id, counts] of atEpochEnd) {
    const epochs = id.startsWith('teacher') ? cfg.teacher.epochs : cfg.student.epochs;
    expect(counts, `epoch-end tensor counts of ${id}`).toHaveLength(epochs);
    expect(new Set(counts).size, `tensor count grew between epochs of ${id}: ${counts}`).toBe(1);
  }
  for (const [id, counts] of atStep) {
    expect(new Set(counts).size, `tensor count changed between steps of ${id}: ${counts}`).toBe(1);
  }
  for (const m of out.models.values()) m.dispose();
  expect(tf.memory().numTensors, 'tensors left after disposing the returned models').toBe(baseline);
  return { phases: [...atEpochEnd.keys()], models: [...out.models.keys()] };
}

describe('tensor leaks', () => {
  it('CNN students (fickle, soft randomization, messy, gaussian) over 3 epochs: flat per phase, baseline after', async () => {
    const r = await checkRun({
      students: [
        { method: 'fickle-teacher' },
        { method: 'soft-randomization', sigma: 0.2, ceOnClean: true },
        { method: 'messy-collaboration', rate: 0.3, target: 'TS' },
        { method: 'gaussian-augmentation', sigma: 0.1, clip: true },
      ],
    });
    expect(r.phases).toEqual(['teacher', 'teacher-r0.3', 'student-1', 'student-2', 'student-3', 'student-4']);
    // Teachers are disposed by the run once their last student is done; students are returned.
    expect(r.models.sort()).toEqual(['student-1', 'student-2', 'student-3', 'student-4']);
  });

  it('WRN student with batch-norm and a custom fickle + soft-randomization recipe, SGD', async () => {
    await checkRun({
      student: { model: { family: 'wrn', depth: 10, widen: 1, dropout: 0.2 }, epochs: 3 },
      teacher: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.3 }, epochs: 1 },
      students: [
        { method: 'custom', fickle: true, inputNoise: 'soft-randomization', sigma: 0.1, studentLabelNoise: 0.2 },
      ],
      optimizer: { type: 'sgd', lr: 0.01, momentum: 0.9, weightDecay: 5e-4 },
      batchSize: 8,
    });
  });
});

// Run-time estimates: monotone in the work, a shared teacher counted once, costs ordered by architecture.
import { describe, expect, it } from 'vitest';
import { inputShapeOf } from '../data/shape';
import { defaultConfig } from '../config/defaults';
import {
  costPerImage,
  estimateFromMeasurement,
  estimateSeconds,
  INFERENCE_SPEEDUP,
  scaledThroughput,
  type Throughput,
} from './estimate';
import { cleanTrainSize } from './cleanTrain';
import { experimentConfig, type ExperimentConfig, type ExperimentConfigInput, type ModelSpec } from '../config/schema';

const MNIST = { height: 28, width: 28, channels: 1, numClasses: 10 };
const CIFAR = { height: 32, width: 32, channels: 3, numClasses: 10 };
const wrn = (depth: number, widen: number): ModelSpec => ({ family: 'wrn', depth, widen, dropout: 0 });

const cfgWith = (patch: Partial<ExperimentConfigInput>): ExperimentConfig =>
  experimentConfig.parse({ ...defaultConfig(), ...patch });

/** Teachers at 100 img/s, students at 1,000 img/s. */
const fixed: Throughput = (_, kind) => (kind === 'teacher' ? 100 : 1000);

describe('estimateSeconds', () => {
  it('grows with epochs and the training set size', () => {
    const d = defaultConfig();
    let last = 0;
    for (const epochs of [1, 2, 5, 20]) {
      const s = estimateSeconds(
        cfgWith({ teacher: { ...d.teacher, epochs }, student: { ...d.student, epochs } }),
        fixed,
      );
      expect(s).toBeGreaterThan(last);
      last = s;
    }
    last = 0;
    for (const trainSize of [500, 1000, 4000, 9000]) {
      const s = estimateSeconds(cfgWith({ data: { ...d.data, trainSize } }), fixed);
      expect(s).toBeGreaterThan(last);
      last = s;
    }
    const slower: Throughput = (spec, kind) => fixed(spec, kind) / 2;
    expect(estimateSeconds(d, slower)).toBeCloseTo(2 * estimateSeconds(d, fixed), 6);
  });

  it('counts one teacher once however many students share it; a messy-labels teacher is another', () => {
    const d = defaultConfig();
    const E = d.student.epochs;
    const train = Math.floor(d.data.trainSize / d.batchSize) * d.batchSize;
    // After every epoch: the test set and the clean training subset, in inference mode.
    const evals = d.data.testSize + cleanTrainSize(d.data.trainSize, d.data.testSize);
    const one = estimateSeconds(cfgWith({ students: [{ method: 'hinton-kd' }] }), fixed);
    const two = estimateSeconds(cfgWith({ students: [{ method: 'hinton-kd' }, { method: 'fickle-teacher' }] }), fixed);
    // The second student: its training, its evaluations and its teacher queries; no second teacher training.
    const student = (E * train) / 1000 + (E * evals) / (INFERENCE_SPEEDUP * 1000);
    const queries = (E * train) / (INFERENCE_SPEEDUP * 100);
    expect(two - one).toBeCloseTo(student + queries, 6);
    // A student that does not distil needs no teacher at all.
    const alone = estimateSeconds(cfgWith({ students: [{ method: 'student-alone' }] }), fixed);
    expect(alone).toBeCloseTo(student, 6);
    // Messy Collaboration TS trains a teacher on corrupted labels: a second teacher phase.
    const messy = estimateSeconds(
      cfgWith({ students: [{ method: 'hinton-kd' }, { method: 'messy-collaboration', target: 'TS' }] }),
      fixed,
    );
    const teacher = (d.teacher.epochs * train) / 100 + (d.teacher.epochs * evals) / (INFERENCE_SPEEDUP * 100);
    expect(messy - two).toBeCloseTo(teacher, 6);
  });

  it('trains full batches only (the ragged last batch is dropped)', () => {
    const d = defaultConfig();
    // A test set of 100 caps the clean training subset at 100 images for both sizes.
    const a = estimateSeconds(
      cfgWith({ data: { ...d.data, trainSize: 128, testSize: 100 }, students: [{ method: 'student-alone' }] }),
      fixed,
    );
    const b = estimateSeconds(
      cfgWith({ data: { ...d.data, trainSize: 191, testSize: 100 }, students: [{ method: 'student-alone' }] }),
      fixed,
    );
    expect(a).toBeCloseTo(b, 6);
  });
});

describe('costPerImage', () => {
  it('orders architectures: WRN-16-2 ≫ the default CNNs; wider and deeper cost more', () => {
    const d = defaultConfig();
    const student = costPerImage(d.student.model, MNIST);
    const teacher = costPerImage(d.teacher.model, MNIST);
    expect(teacher).toBeGreaterThan(student);
    expect(costPerImage(wrn(16, 2), MNIST)).toBeGreaterThan(10 * teacher);
    expect(costPerImage(wrn(16, 2), CIFAR)).toBeGreaterThan(costPerImage(wrn(16, 1), CIFAR));
    expect(costPerImage(wrn(40, 2), CIFAR)).toBeGreaterThan(costPerImage(wrn(16, 2), CIFAR));
    expect(costPerImage(wrn(16, 1), CIFAR)).toBeGreaterThan(costPerImage(wrn(10, 1), CIFAR));
    // Conv cost grows with the image: 3-channel 32×32 costs more than grey 28×28.
    expect(costPerImage(d.student.model, CIFAR)).toBeGreaterThan(student);
    // The default student: ~1.1 M multiply-adds forward.
    expect(student).toBeGreaterThan(2e6);
    expect(student).toBeLessThan(3e6);
  });

  it('scales one measured img/s to other models close to the README figures', () => {
    const d = defaultConfig();
    const t = scaledThroughput(1075, MNIST);
    expect(t(d.student.model, 'student')).toBeCloseTo(1075, 6);
    const wrn162 = scaledThroughput(1075, CIFAR)(wrn(16, 2), 'student');
    expect(wrn162).toBeGreaterThan(22 * 0.85);
    expect(wrn162).toBeLessThan(22 * 1.15);
    // The default experiment: 329 s measured at ~1,100 img/s (README, includes data loading).
    const s = estimateFromMeasurement(d, 1100);
    expect(s).toBeGreaterThan(329 * 0.75);
    expect(s).toBeLessThan(329 * 1.1);
    expect(inputShapeOf(d.data)).toEqual(MNIST);
  });
});

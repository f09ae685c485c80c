// Defaults: the embedded MNIST set, a wider CNN teacher with dropout (so Fickle Teacher works out of the box)
// and a narrow CNN student, with one student per method so the first run compares them side by side.
import { experimentConfig, type ExperimentConfig, type ExperimentConfigInput, type StudentSpec } from './schema';

export const DEFAULT_CONFIG_INPUT: ExperimentConfigInput = {
  seed: 1,
  backend: 'auto',
  data: { dataset: 'mnist-10k', trainSize: 8000, testSize: 2000 },
  teacher: { model: { family: 'cnn', channels: [32, 64], hidden: 256, dropout: 0.4 }, epochs: 4 },
  student: { model: { family: 'cnn', channels: [16, 32], hidden: 64, dropout: 0 }, epochs: 4 },
  students: [
    { method: 'student-alone' },
    { method: 'hinton-kd' },
    { method: 'fickle-teacher' },
    { method: 'soft-randomization', sigma: 0.2 },
  ],
  optimizer: { type: 'adam', lr: 0.002, weightDecay: 0 },
  schedule: 'cosine',
  batchSize: 64,
};

export function defaultConfig(): ExperimentConfig {
  return experimentConfig.parse(DEFAULT_CONFIG_INPUT);
}

/** A student of the given method with that method's default hyperparameters. */
export function defaultStudent(method: StudentSpec['method']): StudentSpec {
  const cfg = experimentConfig.parse({ ...DEFAULT_CONFIG_INPUT, students: [{ method }] });
  return cfg.students[0];
}

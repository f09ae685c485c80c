// Defaults: the embedded MNIST set, a wider CNN teacher with dropout (so Fickle Teacher works out of the box)
// and a narrow CNN student, with one student per method so the first run compares them side by side.
import {
  dataSpec,
  experimentConfig,
  type DataSpec,
  type ExperimentConfig,
  type ExperimentConfigInput,
  type ModelSpec,
  type OptimizerSpec,
  type StudentSpec,
} from './schema';

type Model<F extends ModelSpec['family']> = Extract<ModelSpec, { family: F }>;

/**
 * The one table of default models: what a new config, a switch of model family, the CIFAR-10 preset and the
 * repair of a broken config all use. CNNs for grey 28×28 sets; WRNs (teacher with dropout, so Fickle Teacher
 * works) for CIFAR-10.
 */
export const MODEL_DEFAULTS: Readonly<Record<'teacher' | 'student', { cnn: Model<'cnn'>; wrn: Model<'wrn'> }>> = {
  teacher: {
    cnn: { family: 'cnn', channels: [32, 64], hidden: 256, dropout: 0.4 },
    wrn: { family: 'wrn', depth: 16, widen: 1, dropout: 0.3 },
  },
  student: {
    cnn: { family: 'cnn', channels: [16, 32], hidden: 64, dropout: 0 },
    wrn: { family: 'wrn', depth: 10, widen: 1, dropout: 0 },
  },
};

/** Each optimiser's defaults: Adam for the small CNNs, SGD with momentum and weight decay (the paper's) for WRNs. */
export const OPTIMIZER_DEFAULTS: Readonly<{
  adam: Extract<OptimizerSpec, { type: 'adam' }>;
  sgd: Extract<OptimizerSpec, { type: 'sgd' }>;
}> = {
  adam: { type: 'adam', lr: 0.002, weightDecay: 0 },
  sgd: { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 5e-4 },
};

/** A fresh copy of the table's model (callers may edit it). */
export function modelDefault(which: 'teacher' | 'student', family: ModelSpec['family']): ModelSpec {
  return structuredClone(MODEL_DEFAULTS[which][family]);
}

export function optimizerDefault(type: OptimizerSpec['type']): OptimizerSpec {
  return structuredClone(OPTIMIZER_DEFAULTS[type]);
}

export const DEFAULT_CONFIG_INPUT: ExperimentConfigInput = {
  seed: 1,
  backend: 'auto',
  data: { dataset: 'mnist-10k', trainSize: 8000, testSize: 2000 },
  teacher: { model: modelDefault('teacher', 'cnn'), epochs: 4 },
  student: { model: modelDefault('student', 'cnn'), epochs: 4 },
  students: [
    { method: 'student-alone' },
    { method: 'hinton-kd' },
    { method: 'fickle-teacher' },
    { method: 'soft-randomization', sigma: 0.2 },
  ],
  optimizer: optimizerDefault('adam'),
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

/**
 * What switching to a data set changes besides `data`: image shape decides the model family. Grey 28×28 sets
 * keep the small CNNs; CIFAR-10 gets the paper's residual family (WRN-40-2 → WRN-16-2 there) scaled down for the
 * browser: a WRN-16-1 teacher with dropout so Fickle Teacher works and a WRN-10-1 student (WRN-16-2 trains at
 * ~22 img/s on WASM on a 2-core machine, measured), SGD with momentum and weight decay as in the paper,
 * and the crop+flip augmentation (in the data spec's default).
 */
export function datasetPreset(dataset: DataSpec['dataset'], from: ExperimentConfig): ExperimentConfig {
  const data = dataSpec.parse(
    dataset === 'cifar-10'
      ? { dataset, trainSize: 10000, testSize: 2000 }
      : dataset === 'mnist' || dataset === 'fashion-mnist'
        ? { dataset, trainSize: 20000, testSize: 2000 }
        : { dataset },
  );
  const colour = dataset === 'cifar-10';
  const wasColour = from.data.dataset === 'cifar-10';
  const base = { ...from, data, batchSize: Math.min(from.batchSize, data.trainSize) };
  if (colour === wasColour) return base;
  if (colour) {
    // Not re-parsed: the draft may hold invalid fields the user is still editing; validation reports them.
    return {
      ...base,
      teacher: { model: modelDefault('teacher', 'wrn'), epochs: 2 },
      student: { model: modelDefault('student', 'wrn'), epochs: 2 },
      optimizer: optimizerDefault('sgd'),
      batchSize: 64,
      attack: { ...base.attack, eps: 8 / 255, stepSize: 2 / 255 },
    };
  }
  const d = defaultConfig();
  return {
    ...base,
    teacher: d.teacher,
    student: d.student,
    optimizer: d.optimizer,
    batchSize: d.batchSize,
    attack: { ...base.attack, eps: d.attack.eps, stepSize: d.attack.stepSize },
  };
}

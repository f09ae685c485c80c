// The one experiment config: a zod schema with defaults. Everything a run depends on lives here,
// so a config (or a share link made from it) reproduces a run.
import { z } from 'zod';
import { studySpec } from '../study/spec';

export const BACKENDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendPreference = (typeof BACKENDS)[number];

const seed = z
  .number()
  .int()
  .min(1, 'must be a positive integer (tfjs ignores seed 0)')
  .max(2 ** 31 - 1);
const temperature = z.number().min(1).max(20).default(4);
const alpha = z.number().min(0).max(1).default(0.9);
const sigma = z.number().gt(0, 'must be greater than 0').max(1, 'must be at most 1 (inputs are in [0,1])');
const rate = z.number().min(0).max(1);

export const cnnSpec = z.object({
  family: z.literal('cnn'),
  /** Output channels of the two 3×3 conv layers (each followed by ReLU and 2×2 max-pool). */
  channels: z.tuple([z.number().int().min(1).max(256), z.number().int().min(1).max(512)]),
  /** Width of the hidden dense layer. */
  hidden: z.number().int().min(1).max(2048),
  /** Dropout after the hidden layer (0 = none). */
  dropout: z.number().min(0).max(0.9).default(0),
});

export const wrnSpec = z.object({
  family: z.literal('wrn'),
  /** WRN-d-k depth: 6n + 4. */
  depth: z
    .number()
    .int()
    .min(10)
    .max(40)
    .refine((d) => (d - 4) % 6 === 0, 'depth must be 6n+4 (10, 16, 22, 28, 34, 40)'),
  widen: z.number().int().min(1).max(10),
  /** Dropout between the two convs of every block (0 = none). */
  dropout: z.number().min(0).max(0.9).default(0),
});

export const modelSpec = z.discriminatedUnion('family', [cnnSpec, wrnSpec]);
export type ModelSpec = z.infer<typeof modelSpec>;

const kdParams = { temperature, alpha };

// One schema per method; the method modules (src/core/methods) turn each into noise sources.
export const studentSpec = z.discriminatedUnion('method', [
  z.object({ method: z.literal('student-alone') }),
  z.object({
    method: z.literal('gaussian-augmentation'),
    sigma: sigma.default(0.2),
    clip: z.boolean().default(false),
  }),
  z.object({ method: z.literal('hinton-kd'), ...kdParams }),
  z.object({ method: z.literal('fickle-teacher'), ...kdParams }),
  z.object({
    method: z.literal('soft-randomization'),
    ...kdParams,
    sigma: sigma.default(0.2),
    clip: z.boolean().default(false),
    /** CE term on the clean input instead of the noisy one. */
    ceOnClean: z.boolean().default(false),
  }),
  z.object({
    method: z.literal('messy-collaboration'),
    ...kdParams,
    rate: rate.default(0.2),
    target: z.enum(['T', 'S', 'TS']).default('S'),
  }),
  z.object({
    method: z.literal('custom'),
    kd: z.boolean().default(true),
    ...kdParams,
    fickle: z.boolean().default(false),
    inputNoise: z.enum(['none', 'augment', 'soft-randomization']).default('none'),
    sigma: sigma.default(0.2),
    clip: z.boolean().default(false),
    ceOnClean: z.boolean().default(false),
    studentLabelNoise: rate.default(0),
    teacherLabelNoise: rate.default(0),
  }),
]);
export type StudentSpec = z.infer<typeof studentSpec>;
export type MethodId = StudentSpec['method'];
export const METHOD_IDS = studentSpec.options.map((o) => o.shape.method.value) as MethodId[];

export const optimizerSpec = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sgd'),
    lr: z.number().gt(0, 'must be greater than 0').max(1e4, 'must be at most 10,000'),
    momentum: z.number().min(0).max(0.999).default(0.9),
    weightDecay: z.number().min(0).max(0.1).default(5e-4),
  }),
  z.object({
    type: z.literal('adam'),
    lr: z.number().gt(0, 'must be greater than 0').max(1e4, 'must be at most 10,000'),
    weightDecay: z.number().min(0).max(0.1).default(0),
  }),
]);
export type OptimizerSpec = z.infer<typeof optimizerSpec>;

/** Training-batch augmentation (never applied to test batches). */
export const AUGMENTS = ['none', 'crop', 'crop-flip'] as const;
const augmentSpec = z.enum(AUGMENTS);
export type Augment = (typeof AUGMENTS)[number];

export const REAL_DATASETS = ['mnist', 'fashion-mnist', 'cifar-10'] as const;
export type RealDatasetName = (typeof REAL_DATASETS)[number];

export const dataSpec = z.discriminatedUnion('dataset', [
  z.object({
    dataset: z.literal('mnist-10k'),
    trainSize: z.number().int().min(100).max(9000).default(8000),
    testSize: z.number().int().min(100).max(5000).default(2000),
  }),
  // Real data sets: the bytes come from an import or prepared shards (src/core/data/real.ts). Sizes are caps:
  // a seeded stratified subset of what is loaded (all of it when the cap is larger).
  z.object({
    dataset: z.literal('mnist'),
    trainSize: z.number().int().min(100).max(60000).default(60000),
    testSize: z.number().int().min(100).max(10000).default(10000),
    augment: augmentSpec.default('none'),
  }),
  z.object({
    dataset: z.literal('fashion-mnist'),
    trainSize: z.number().int().min(100).max(60000).default(60000),
    testSize: z.number().int().min(100).max(10000).default(10000),
    augment: augmentSpec.default('none'),
  }),
  z.object({
    dataset: z.literal('cifar-10'),
    trainSize: z.number().int().min(100).max(50000).default(50000),
    testSize: z.number().int().min(100).max(10000).default(10000),
    /** The paper's augmentation: random crop with 4-pixel zero padding and horizontal flip, seeded. */
    augment: augmentSpec.default('crop-flip'),
  }),
  z.object({
    dataset: z.literal('synthetic'),
    trainSize: z.number().int().min(10).max(20000).default(512),
    testSize: z.number().int().min(10).max(5000).default(128),
    size: z.number().int().min(4).max(32).default(12),
    channels: z.union([z.literal(1), z.literal(3)]).default(1),
  }),
]);
export type DataSpec = z.infer<typeof dataSpec>;

/**
 * The robustness evaluation a run reports next to clean accuracy: white-box L∞ PGD with random start on a
 * subset of the test split. Defaults suit MNIST-like data (ε = 0.1); CIFAR-10's preset sets 8/255, step 2/255.
 */
export const attackEvalSpec = z.object({
  eps: z.number().min(0).max(1, 'must be at most 1 (pixels are in [0,1])').default(0.1),
  stepSize: z.number().gt(0, 'must be greater than 0').max(1).default(0.025),
  steps: z.number().int().min(1).max(200).default(20),
  /** Test images attacked (the first N of the test split, which is class-balanced). */
  subset: z.number().int().min(10).max(10000).default(500),
  /** Measure every model's PGD accuracy (this attack, this subset) when training ends; off saves the time. */
  afterRun: z.boolean().default(true),
});
export type AttackEvalSpec = z.infer<typeof attackEvalSpec>;

const phaseSpec = z.object({
  model: modelSpec,
  epochs: z.number().int().min(1, 'must be at least 1').max(200),
});

export const experimentConfig = z
  .object({
    version: z.literal(1).default(1),
    seed: seed.default(1),
    backend: z.enum(BACKENDS).default('auto'),
    data: dataSpec,
    teacher: phaseSpec,
    student: phaseSpec,
    students: z.array(studentSpec).min(1, 'add at least one student').max(8),
    optimizer: optimizerSpec,
    schedule: z.enum(['constant', 'cosine', 'step']).default('cosine'),
    batchSize: z.number().int().min(2).max(512).default(64),
    attack: attackEvalSpec.default({ eps: 0.1, stepSize: 0.025, steps: 20, subset: 500, afterRun: true }),
    /** Repeat the run over seeds (and one swept hyperparameter): study mode. Absent: one run with `seed`. */
    study: studySpec.optional(),
  })
  .superRefine((cfg, ctx) => {
    cfg.students.forEach((s, i) => {
      const fickle = s.method === 'fickle-teacher' || (s.method === 'custom' && s.kd && s.fickle);
      if (fickle && cfg.teacher.model.dropout === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['students', i, 'method'],
          message: 'Fickle Teacher needs a teacher with dropout > 0 (set teacher dropout, e.g. 0.4)',
        });
      }
    });
    if (cfg.batchSize > cfg.data.trainSize) {
      ctx.addIssue({
        code: 'custom',
        path: ['batchSize'],
        message: `must not exceed the training set size (${cfg.data.trainSize})`,
      });
    }
  });

export type ExperimentConfig = z.infer<typeof experimentConfig>;
export type ExperimentConfigInput = z.input<typeof experimentConfig>;

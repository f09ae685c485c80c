// Ready-made experiments for the preset picker (and classroom links). Sized for the browser: the picker shows each
// one's time on this device (measured speed, core/study/estimate.ts), so no title states a time; presets.test.ts
// checks their size at the README's WASM speed (~1,000 img/s for the default student). The MNIST presets use the defaults table's CNNs and Adam; the paper's CIFAR-10
// recipe has its own (larger) models. Shared as links, a preset is a diff against the frozen v1 base.
import { modelDefault, optimizerDefault } from './defaults';
import { experimentConfig, type ExperimentConfig, type ExperimentConfigInput } from './schema';
import type { ShareUi } from './shareLink';

export interface Preset {
  /** Stable kebab-case id (usable in URLs and tests). */
  id: string;
  title: string;
  /** One line: what it shows and how long it takes. */
  description: string;
  config: ExperimentConfigInput;
  ui?: ShareUi;
}

/** A small MNIST-10k experiment with the default CNNs and Adam. */
function mnist(
  trainSize: number,
  epochs: number,
  students: ExperimentConfigInput['students'],
  extra: Partial<ExperimentConfigInput> = {},
): ExperimentConfigInput {
  return {
    seed: 1,
    backend: 'auto',
    data: { dataset: 'mnist-10k', trainSize, testSize: 1000 },
    teacher: { model: modelDefault('teacher', 'cnn'), epochs },
    student: { model: modelDefault('student', 'cnn'), epochs },
    students,
    optimizer: optimizerDefault('adam'),
    schedule: 'cosine',
    batchSize: 64,
    // PGD at MNIST scale: 20 steps of 0.01 cover 2ε, so the attack can cross the ball from its random start.
    attack: { eps: 0.1, stepSize: 0.01, steps: 20, subset: 300 },
    ...extra,
  };
}

export const PRESETS: Preset[] = [
  {
    id: 'hinton-vs-fickle-mnist',
    title: 'Hinton vs Fickle Teacher on MNIST',
    description:
      'One CNN teacher with dropout; Hinton KD distils from it as is, Fickle Teacher with its dropout left on.',
    config: mnist(3000, 3, [
      { method: 'hinton-kd', temperature: 4, alpha: 0.9 },
      { method: 'fickle-teacher', temperature: 4, alpha: 0.9 },
    ]),
  },
  {
    id: 'soft-randomization-vs-gaussian',
    title: 'Soft Randomization vs Gaussian augmentation: robustness',
    description:
      'Both add σ = 0.2 noise to the inputs, with and without a teacher, next to a plain student; then PGD ε = 0.1.',
    config: mnist(4000, 3, [
      { method: 'student-alone' },
      { method: 'gaussian-augmentation', sigma: 0.2, clip: false },
      { method: 'soft-randomization', temperature: 4, alpha: 0.9, sigma: 0.2, clip: false, ceOnClean: false },
    ]),
  },
  {
    id: 'label-corruption',
    title: 'Label corruption and robustness',
    description:
      'Messy Collaboration: 20 % of labels redrawn for the student (S) or for teacher and student (TS, its own teacher), vs a plain student.',
    config: mnist(3000, 3, [
      { method: 'student-alone' },
      { method: 'messy-collaboration', temperature: 4, alpha: 0.9, rate: 0.2, target: 'S' },
      { method: 'messy-collaboration', temperature: 4, alpha: 0.9, rate: 0.2, target: 'TS' },
    ]),
  },
  {
    id: 'paper-cifar10',
    title: 'Paper setting on CIFAR-10 (slow)',
    description:
      "The paper's recipe on 10,000 CIFAR-10 images: WRN-16-2 teacher with dropout → WRN-16-1 students, SGD 0.1, crop+flip, PGD ε = 8/255. Needs a GPU (hours on WASM).",
    config: {
      seed: 1,
      backend: 'auto',
      data: { dataset: 'cifar-10', trainSize: 10000, testSize: 2000, augment: 'crop-flip' },
      teacher: { model: { family: 'wrn', depth: 16, widen: 2, dropout: 0.3 }, epochs: 8 },
      student: { model: { family: 'wrn', depth: 16, widen: 1, dropout: 0 }, epochs: 8 },
      students: [
        { method: 'student-alone' },
        { method: 'hinton-kd', temperature: 4, alpha: 0.9 },
        { method: 'fickle-teacher', temperature: 4, alpha: 0.9 },
        { method: 'soft-randomization', temperature: 4, alpha: 0.9, sigma: 0.2, clip: false, ceOnClean: false },
      ],
      optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 5e-4 },
      schedule: 'cosine',
      batchSize: 128,
      attack: { eps: 8 / 255, stepSize: 2 / 255, steps: 20, subset: 500 },
    },
  },
  {
    id: 'classroom-demo',
    title: 'Classroom: a short demo',
    description:
      'Big type, one phase at a time: a teacher, then a student alone, with Hinton KD and with a Fickle Teacher.',
    config: mnist(
      2500,
      3,
      [
        { method: 'student-alone' },
        { method: 'hinton-kd', temperature: 4, alpha: 0.9 },
        { method: 'fickle-teacher', temperature: 4, alpha: 0.9 },
      ],
      // A smaller PGD subset keeps the robustness column to seconds in a lesson.
      { attack: { eps: 0.1, stepSize: 0.01, steps: 20, subset: 200 } },
    ),
    ui: { classroom: true, stepMode: true },
  },
  {
    id: 'paper-claims-mnist',
    title: "The paper's three claims on MNIST (3 seeds)",
    description:
      'Six students from one teacher per seed, seeds 1–3, then PGD ε = 0.1: Fickle vs Hinton (clean), Soft Randomization vs Gaussian and Messy vs Hinton (PGD), each with a verdict.',
    config: mnist(
      3000,
      3,
      [
        { method: 'student-alone' },
        { method: 'hinton-kd', temperature: 4, alpha: 0.9 },
        { method: 'fickle-teacher', temperature: 4, alpha: 0.9 },
        { method: 'soft-randomization', temperature: 4, alpha: 0.9, sigma: 0.2, clip: false, ceOnClean: false },
        { method: 'gaussian-augmentation', sigma: 0.2, clip: false },
        { method: 'messy-collaboration', temperature: 4, alpha: 0.9, rate: 0.2, target: 'S' },
      ],
      { study: { seeds: [1, 2, 3] } },
    ),
  },
  {
    id: 'sigma-sweep',
    title: 'Soft Randomization vs Gaussian over σ (3 seeds)',
    description:
      'σ ∈ {0.05, 0.1, 0.2, 0.3, 0.5} × seeds 1–3: clean and PGD accuracy against σ for both, the teacher trained once per seed.',
    config: mnist(
      2000,
      2,
      [
        { method: 'gaussian-augmentation', sigma: 0.2, clip: false },
        { method: 'soft-randomization', temperature: 4, alpha: 0.9, sigma: 0.2, clip: false, ceOnClean: false },
      ],
      {
        study: { seeds: [1, 2, 3], sweep: { param: 'sigma', values: [0.05, 0.1, 0.2, 0.3, 0.5] } },
        attack: { eps: 0.1, stepSize: 0.01, steps: 20, subset: 200 },
      },
    ),
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The preset's config with every default filled in (presets are valid; a test checks). */
export function presetConfig(p: Preset): ExperimentConfig {
  return experimentConfig.parse(p.config);
}

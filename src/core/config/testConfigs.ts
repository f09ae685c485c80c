// Test inputs shared by the repair and share-link tests: a seeded generator of valid configs over the whole
// schema, values invalid at every field, and a check that notices are plain, short text. Imported by tests only.
import { expect } from 'vitest';
import type { Notice } from './notice';
import {
  BACKENDS,
  experimentConfig,
  METHOD_IDS,
  type DataSpec,
  type ExperimentConfig,
  type ModelSpec,
  type StudentSpec,
} from './schema';

export type Rand = () => number;

export function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const bool = (r: Rand) => r() < 0.5;
/** A float in [lo, hi]: often the default (so diffs omit it), often a round value, sometimes a long one. */
function num(r: Rand, lo: number, hi: number, dflt?: number): number {
  const u = r();
  if (dflt !== undefined && u < 0.3) return dflt;
  const x = lo + r() * (hi - lo);
  const v = u < 0.65 ? Math.round(x * 100) / 100 : x;
  return Math.min(hi, Math.max(lo, v));
}
const positive = (r: Rand, hi: number, dflt?: number) => Math.max(1e-4, num(r, 0, hi, dflt));

function genModel(r: Rand, dropout: number): ModelSpec {
  return bool(r)
    ? { family: 'cnn', channels: [int(r, 1, 256), int(r, 1, 512)], hidden: int(r, 1, 2048), dropout }
    : { family: 'wrn', depth: pick(r, [10, 16, 22, 28, 34, 40]), widen: int(r, 1, 10), dropout };
}

function genData(r: Rand): DataSpec {
  const augment = pick(r, ['none', 'crop', 'crop-flip'] as const);
  switch (pick(r, ['mnist-10k', 'mnist', 'fashion-mnist', 'cifar-10', 'synthetic'] as const)) {
    case 'mnist-10k':
      return { dataset: 'mnist-10k', trainSize: int(r, 100, 9000), testSize: int(r, 100, 5000) };
    case 'mnist':
      return { dataset: 'mnist', trainSize: int(r, 100, 60000), testSize: int(r, 100, 10000), augment };
    case 'fashion-mnist':
      return { dataset: 'fashion-mnist', trainSize: int(r, 100, 60000), testSize: int(r, 100, 10000), augment };
    case 'cifar-10':
      return { dataset: 'cifar-10', trainSize: int(r, 100, 50000), testSize: int(r, 100, 10000), augment };
    case 'synthetic':
      return {
        dataset: 'synthetic',
        trainSize: int(r, 10, 20000),
        testSize: int(r, 10, 5000),
        size: int(r, 4, 32),
        channels: pick(r, [1, 3] as const),
      };
  }
}

function genStudent(r: Rand): StudentSpec {
  const kd = { temperature: num(r, 1, 20, 4), alpha: num(r, 0, 1, 0.9) };
  const sigma = positive(r, 1, 0.2);
  switch (pick(r, METHOD_IDS)) {
    case 'student-alone':
      return { method: 'student-alone' };
    case 'gaussian-augmentation':
      return { method: 'gaussian-augmentation', sigma, clip: bool(r) };
    case 'hinton-kd':
      return { method: 'hinton-kd', ...kd };
    case 'fickle-teacher':
      return { method: 'fickle-teacher', ...kd };
    case 'soft-randomization':
      return { method: 'soft-randomization', ...kd, sigma, clip: bool(r), ceOnClean: bool(r) };
    case 'messy-collaboration':
      return { method: 'messy-collaboration', ...kd, rate: num(r, 0, 1, 0.2), target: pick(r, ['T', 'S', 'TS']) };
    case 'custom':
      return {
        method: 'custom',
        kd: bool(r),
        ...kd,
        fickle: bool(r),
        inputNoise: pick(r, ['none', 'augment', 'soft-randomization']),
        sigma,
        clip: bool(r),
        ceOnClean: bool(r),
        studentLabelNoise: num(r, 0, 1, 0),
        teacherLabelNoise: num(r, 0, 1, 0),
      };
  }
}

/** A random valid config; `seed` reproduces it. */
export function randomConfig(seed: number): ExperimentConfig {
  const r = mulberry32(seed);
  const data = genData(r);
  const students = Array.from({ length: int(r, 1, 8) }, () => genStudent(r));
  const fickle = students.some((s) => s.method === 'fickle-teacher' || (s.method === 'custom' && s.kd && s.fickle));
  let teacherDropout = r() < 0.3 ? 0 : num(r, 0, 0.9, 0.4);
  if (fickle && teacherDropout === 0) teacherDropout = 0.5;
  const cfg = {
    version: 1,
    seed: r() < 0.3 ? 1 : int(r, 1, 2 ** 31 - 1),
    backend: pick(r, BACKENDS),
    data,
    teacher: { model: genModel(r, teacherDropout), epochs: r() < 0.3 ? 4 : int(r, 1, 200) },
    student: { model: genModel(r, r() < 0.5 ? 0 : num(r, 0, 0.9)), epochs: r() < 0.3 ? 4 : int(r, 1, 200) },
    students,
    optimizer: bool(r)
      ? { type: 'sgd', lr: positive(r, 1, 0.1), momentum: num(r, 0, 0.999, 0.9), weightDecay: num(r, 0, 0.1, 5e-4) }
      : { type: 'adam', lr: r() < 0.2 ? 10 ** (r() * 9 - 5) : positive(r, 0.1, 0.002), weightDecay: num(r, 0, 0.1, 0) },
    schedule: pick(r, ['constant', 'cosine', 'step'] as const),
    batchSize: r() < 0.3 && data.trainSize >= 64 ? 64 : int(r, 2, Math.min(512, data.trainSize)),
    attack: {
      eps: num(r, 0, 1, 0.1),
      stepSize: positive(r, 1, 0.025),
      steps: r() < 0.3 ? 20 : int(r, 1, 200),
      subset: r() < 0.3 ? 500 : int(r, 10, 10000),
    },
  };
  return experimentConfig.parse(cfg);
}

/** Values invalid at every field of the schema. */
export const HOSTILE = [
  null,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  1e308,
  -1e308,
  -1,
  '<script>alert(1)</script>',
  '\u202egnp.exe\u0000',
  'x'.repeat(100_000),
  { $ne: 1 },
  [[[[[[[[[[[[[1]]]]]]]]]]]]],
];

/** Every notice is plain, short text. */
export function expectCleanNotices(notices: Notice[]): void {
  for (const n of notices) {
    expect(typeof n.field).toBe('string');
    expect(typeof n.message).toBe('string');
    // eslint-disable-next-line no-control-regex
    const invisible = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    for (const s of [n.field, n.message, n.value ?? '']) expect(invisible.test(s)).toBe(false);
    if (n.value !== undefined) expect(Array.from(n.value).length).toBeLessThanOrEqual(40);
    expect(Array.from(n.field).length).toBeLessThanOrEqual(80);
  }
}

// What a study repeats: a list of seeds (each a full run of the config) and, optionally, one hyperparameter swept
// over a list of values. Cells = sweep value × seed (plan.ts). A later step adds this to the shared config.
import { z } from 'zod';

export const MAX_SEEDS = 10;
export const MAX_SWEEP_VALUES = 10;

/** Hyperparameters a sweep can vary, and what each changes in the config (plan.ts applySweep). */
export const SWEEP_PARAMS = ['sigma', 'teacherDropout', 'rate', 'temperature', 'alpha'] as const;
export type SweepParam = (typeof SWEEP_PARAMS)[number];

export const SWEEP_LABELS: Record<SweepParam, string> = {
  sigma: 'σ',
  teacherDropout: 'teacher dropout',
  rate: 'r',
  temperature: 'T',
  alpha: 'α',
};

/** Accepted spellings on the command line (case-insensitive). */
const SWEEP_ALIASES: Record<string, SweepParam> = {
  sigma: 'sigma',
  σ: 'sigma',
  dropout: 'teacherDropout',
  teacherdropout: 'teacherDropout',
  'teacher-dropout': 'teacherDropout',
  r: 'rate',
  rate: 'rate',
  t: 'temperature',
  temperature: 'temperature',
  alpha: 'alpha',
  α: 'alpha',
};

const unique = (xs: readonly number[]) => new Set(xs).size === xs.length;

const seed = z
  .number()
  .int()
  .min(1, 'seeds must be positive integers (tfjs ignores seed 0)')
  .max(2 ** 31 - 1);

export const sweepSpec = z.object({
  param: z.enum(SWEEP_PARAMS),
  values: z
    .array(z.number().finite())
    .min(1, 'give at least one value')
    .max(MAX_SWEEP_VALUES, `at most ${MAX_SWEEP_VALUES} values`)
    .refine(unique, 'values must be distinct'),
});
export type Sweep = z.infer<typeof sweepSpec>;

export const studySpec = z.object({
  seeds: z
    .array(seed)
    .min(1, 'give at least one seed')
    .max(MAX_SEEDS, `at most ${MAX_SEEDS} seeds`)
    .refine(unique, 'seeds must be distinct (comparisons pair by seed)'),
  sweep: sweepSpec.optional(),
});
export type StudySpec = z.infer<typeof studySpec>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * "1,2,3" → [1,2,3]; "1-10" → 1…10; items combine ("1-3,7"); a single bare number is a count: "3" → [1,2,3]
 * (so one seed alone is written "7-7"). Seeds are positive (tfjs ignores seed 0), distinct, at most 10.
 */
export function parseSeeds(text: string): Parsed<number[]> {
  const s = text.trim();
  const bad = (why: string): Parsed<number[]> => ({ ok: false, error: `seeds "${text}": ${why}` });
  if (!s) return bad('empty');
  const int = (x: string) => (/^\d+$/.test(x.trim()) ? Number(x.trim()) : NaN);
  let seeds: number[] = [];
  if (/^\d+$/.test(s)) {
    const n = int(s);
    if (n < 1 || n > MAX_SEEDS) return bad(`a count must be 1 to ${MAX_SEEDS} (for one seed alone write "${n}-${n}")`);
    seeds = Array.from({ length: n }, (_, i) => i + 1);
  } else {
    for (const item of s.split(',')) {
      const range = item.split('-');
      if (range.length === 2) {
        const [a, b] = range.map(int);
        if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) return bad(`"${item}" is not a range like 1-10`);
        if (b - a >= MAX_SEEDS) return bad(`at most ${MAX_SEEDS} seeds`);
        for (let x = a; x <= b; x++) seeds.push(x);
      } else {
        const x = int(item);
        if (!Number.isFinite(x)) return bad(`"${item}" is not a whole number`);
        seeds.push(x);
      }
    }
  }
  const r = studySpec.shape.seeds.safeParse(seeds);
  return r.success ? { ok: true, value: seeds } : bad(r.error.issues[0].message);
}

/** "sigma=0.05,0.1,0.2" (also σ, dropout, r, T, alpha / α). */
export function parseSweep(text: string): Parsed<Sweep> {
  const bad = (why: string): Parsed<Sweep> => ({ ok: false, error: `sweep "${text}": ${why}` });
  const m = /^\s*([^=\s]+)\s*=\s*(.+)$/.exec(text);
  if (!m) return bad('write it as param=v1,v2,… (e.g. sigma=0.05,0.1,0.2)');
  const param = SWEEP_ALIASES[m[1].toLowerCase()];
  if (!param) return bad(`unknown parameter "${m[1]}" (one of sigma, dropout, r, T, alpha)`);
  const values = m[2].split(',').map((v) => (v.trim() === '' ? NaN : Number(v)));
  if (values.some((v) => !Number.isFinite(v))) return bad('values must be numbers');
  const r = sweepSpec.safeParse({ param, values });
  return r.success ? { ok: true, value: r.data } : bad(r.error.issues[0].message);
}

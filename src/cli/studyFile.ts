// The JSON a study run (or one cell subset of it) writes, and the checks --merge makes before combining files:
// same config, same study (seeds, sweep), every cell exactly once.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PgdSpec } from '../core/attacks';
import type { ExperimentConfig } from '../core/config/schema';
import { formatErrors, validateConfig } from '../core/config/validate';
import { studyCells, studySpec, sweepValueText, type StudySpec } from '../core/study';
import type { CellRun } from './runCell';

export const STUDY_FORMAT = 'kd-noise-study';

export interface StudyFile {
  format: typeof STUDY_FORMAT;
  version: 1;
  /** The base config; each cell trains it with its seed and sweep value (core/study/plan.ts cellConfig). */
  config: ExperimentConfig;
  study: StudySpec;
  /** null for a whole study in one process. */
  part: { cell: number; of: number; assignment: 'round-robin' } | null;
  attack: PgdSpec & { subset: number };
  backend: string;
  cells: CellRun[];
}

/** Key-sorted JSON, so equal configs compare equal whatever order their keys were written in. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object')
    return `{${Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(x);
}

/** The first path where two JSON values differ, e.g. "students.2.sigma: 0.1 vs 0.2". */
function firstDifference(a: unknown, b: unknown, path: string[] = []): string | null {
  if (canonical(a) === canonical(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]);
      if (d) return d;
    }
  }
  return `${path.join('.') || '(top level)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

export interface Merged {
  config: ExperimentConfig;
  study: StudySpec;
  attack: StudyFile['attack'];
  cells: CellRun[];
  files: string[];
  warnings: string[];
}

/** Reads every *.json in dir as a study file and checks they belong together; throws a user-facing message. */
export async function mergeStudyFiles(dir: string, allowPartial: boolean): Promise<Merged> {
  let names: string[];
  try {
    names = (await readdir(dir))
      .filter((n) => n.endsWith('.json'))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  } catch (e) {
    throw new Error(`Cannot read ${dir}: ${(e as Error).message}`);
  }
  if (!names.length) throw new Error(`${dir} holds no .json files to merge`);
  const files: { path: string; f: StudyFile }[] = [];
  for (const n of names) {
    const path = join(dir, n);
    let f: StudyFile;
    try {
      f = JSON.parse(await readFile(path, 'utf8'));
    } catch (e) {
      throw new Error(`Cannot read ${path}: ${(e as Error).message}`);
    }
    if (f?.format !== STUDY_FORMAT || f.version !== 1 || !Array.isArray(f.cells))
      throw new Error(`${path} is not a study file (written by npm run experiment -- --json)`);
    const v = validateConfig(f.config);
    if (!v.ok) throw new Error(`${path} holds an invalid config:\n${formatErrors(v.errors)}`);
    const s = studySpec.safeParse(f.study);
    if (!s.success) throw new Error(`${path} holds an invalid study spec: ${s.error.issues[0].message}`);
    files.push({ path, f: { ...f, config: v.config, study: s.data } });
  }
  const [first] = files;
  const warnings: string[] = [];
  for (const { path, f } of files.slice(1)) {
    const d = firstDifference(first.f.config, f.config);
    if (d)
      throw new Error(
        `Cannot merge: ${path} was made from a different config than ${first.path} (first difference at ${d}). ` +
          `Merge only the cell files of one study.`,
      );
    const ds = firstDifference(first.f.study, f.study);
    if (ds)
      throw new Error(
        `Cannot merge: ${path} belongs to a different study (--seeds / --sweep) than ${first.path} (${ds}).`,
      );
    if (f.backend !== first.f.backend)
      warnings.push(`${path} ran on ${f.backend}, ${first.path} on ${first.f.backend}: results may differ slightly.`);
  }
  const study = first.f.study;
  const key = (seed: number, value: number | null) => `${seed}|${value}`;
  const where = new Map<string, string>();
  const cells: CellRun[] = [];
  for (const { path, f } of files) {
    for (const c of f.cells) {
      const k = key(c.seed, c.value);
      const what = `seed ${c.seed}${c.value !== null ? `, ${sweepValueText(study.sweep ?? null, c.value)}` : ''}`;
      if (where.has(k)) throw new Error(`Cannot merge: cell ${what} is in both ${where.get(k)} and ${path}.`);
      if (!studyCells(study).some((x) => key(x.seed, x.value) === k))
        throw new Error(`Cannot merge: ${path} holds cell ${what}, which is not part of its study.`);
      where.set(k, path);
      cells.push(c);
    }
  }
  const missing = studyCells(study).filter((c) => !where.has(key(c.seed, c.value)));
  if (missing.length) {
    const list = missing
      .map(
        (c) =>
          `#${c.index} (seed ${c.seed}${c.value !== null ? `, ${sweepValueText(study.sweep ?? null, c.value)}` : ''})`,
      )
      .join(', ');
    const msg = `${missing.length} of ${studyCells(study).length} cells missing: ${list}`;
    if (!allowPartial) throw new Error(`Cannot merge: ${msg}. Rerun them, or pass --allow-partial.`);
    warnings.push(`Partial study: ${msg}.`);
  }
  return { config: first.f.config, study, attack: first.f.attack, cells, files: files.map((x) => x.path), warnings };
}

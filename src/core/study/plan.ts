// The cells of a study (sweep value × seed), which of them one process of N runs, and the config each cell
// trains: the base config with its seed and the swept hyperparameter set.
import { experimentConfig, type ExperimentConfig, type StudentSpec } from '../config/schema';
import { SWEEP_LABELS, type StudySpec, type Sweep, type SweepParam } from './spec';

export interface Cell {
  /** Position in the study's cell list: value-major, then seed (value 0 × every seed, value 1 × …). */
  index: number;
  seed: number;
  /** The swept hyperparameter's value, or null without a sweep. */
  value: number | null;
}

/** The study a config asks for: its `study` section, or one run with its seed. */
export function studyOf(cfg: ExperimentConfig): StudySpec {
  return cfg.study ?? { seeds: [cfg.seed] };
}

/** More than one cell: the app shows the study's progress and statistics. */
export function isStudy(cfg: ExperimentConfig): boolean {
  return studyCells(studyOf(cfg)).length > 1;
}

export function studyCells(spec: StudySpec): Cell[] {
  const values: (number | null)[] = spec.sweep ? spec.sweep.values : [null];
  return values.flatMap((value, v) => spec.seeds.map((seed, s) => ({ index: v * spec.seeds.length + s, seed, value })));
}

/**
 * The cells process `part` of `of` runs: round-robin (cell k goes to process k mod N), so with a sweep each
 * process gets a mix of values rather than all the slow ones.
 */
export function cellsOfPart(cells: readonly Cell[], part: number, of: number): Cell[] {
  if (!Number.isInteger(of) || of < 1) throw new Error(`--of must be a positive whole number (got ${of})`);
  if (!Number.isInteger(part) || part < 0 || part >= of) throw new Error(`--cell must be 0 to ${of - 1} (got ${part})`);
  return cells.filter((c) => c.index % of === part);
}

const hasKd = (s: StudentSpec) => s.method !== 'student-alone' && s.method !== 'gaussian-augmentation';

/** Which students (or the teacher) a sweep value changes; the sweep refuses a parameter nothing uses. */
function setParam(cfg: ExperimentConfig, param: SweepParam, value: number): { cfg: ExperimentConfig; changed: number } {
  let changed = 0;
  const students = cfg.students.map((s) => {
    const touch = (patch: Partial<Record<string, number>>) => {
      changed++;
      return { ...s, ...patch } as StudentSpec;
    };
    switch (param) {
      case 'sigma':
        return 'sigma' in s ? touch({ sigma: value }) : s;
      case 'rate':
        return s.method === 'messy-collaboration' ? touch({ rate: value }) : s;
      case 'temperature':
        return hasKd(s) ? touch({ temperature: value }) : s;
      case 'alpha':
        return hasKd(s) ? touch({ alpha: value }) : s;
      default:
        return s;
    }
  });
  if (param === 'teacherDropout') {
    const model = { ...cfg.teacher.model, dropout: value };
    return { cfg: { ...cfg, teacher: { ...cfg.teacher, model } }, changed: 1 };
  }
  return { cfg: { ...cfg, students }, changed };
}

export type CellConfig = { ok: true; config: ExperimentConfig } | { ok: false; error: string };

/** The config a cell trains (validated: a sweep value outside a field's range, e.g. σ = 0, is refused). */
export function cellConfig(base: ExperimentConfig, cell: Pick<Cell, 'seed' | 'value'>, sweep?: Sweep): CellConfig {
  // A cell is one plain run: its seed set, the study it belongs to left out (teacher and run keys stay per cell).
  let cfg: ExperimentConfig = { ...base, seed: cell.seed };
  delete cfg.study;
  if (sweep && cell.value !== null) {
    const { cfg: swept, changed } = setParam(cfg, sweep.param, cell.value);
    if (!changed) {
      const what: Record<SweepParam, string> = {
        sigma: 'no student has a σ (Gaussian augmentation, Soft Randomization or custom)',
        rate: 'no student is Messy Collaboration',
        temperature: 'no student distils',
        alpha: 'no student distils',
        teacherDropout: '',
      };
      return { ok: false, error: `sweeping ${SWEEP_LABELS[sweep.param]} changes nothing: ${what[sweep.param]}` };
    }
    cfg = swept;
  }
  const r = experimentConfig.safeParse(cfg);
  if (r.success) return { ok: true, config: r.data };
  const issue = r.error.issues[0];
  const at = sweep && cell.value !== null ? ` with ${SWEEP_LABELS[sweep.param]} = ${cell.value}` : '';
  return { ok: false, error: `config${at} is invalid at ${issue.path.join('.')}: ${issue.message}` };
}

/** Every cell's config, or the first error (checked before any training starts). */
export function checkStudy(base: ExperimentConfig, spec: StudySpec): string | null {
  for (const c of studyCells(spec)) {
    const r = cellConfig(base, c, spec.sweep);
    if (!r.ok) return r.error;
  }
  return null;
}

// Where a study stands, in words, and how long it still needs: the cell in progress ("σ = 0.1 · seed 2 of 3 ·
// cell 5 of 15"), the PGD evaluation after a cell's training, and the study's ETA. Pure (the time is passed in).
import { SWEEP_LABELS, type Cell, type CellOutcome, type StudySpec } from '../../../core/study';
import type { StepSample } from '../../../core/train/events';
import type { CurrentCell, RobustProgress } from '../../store/studySlice';

/** "Seed 2 of 3", "Seed 2 of 3 (seed 17)", or with a sweep "σ = 0.1 · seed 2 of 3 · cell 5 of 15". */
export function cellLine(cell: Cell, of: number, spec: StudySpec): string {
  const n = spec.seeds.length;
  const pos = (cell.index % n) + 1;
  const which = cell.seed === pos ? '' : ` (seed ${cell.seed})`;
  if (!spec.sweep || cell.value === null) return `Seed ${pos} of ${n}${which}`;
  return `${SWEEP_LABELS[spec.sweep.param]} = ${cell.value} · seed ${pos} of ${n}${which} · cell ${cell.index + 1} of ${of}`;
}

/** "Measuring PGD accuracy (PGD-20 ε=0.1): 120 of 500 images · model 2 of 5". */
export function robustLine(p: Pick<RobustProgress, 'done' | 'total' | 'label'>, models: number): string {
  const head = `Measuring PGD accuracy${p.label ? ` (${p.label})` : ''}`;
  // The worker counts images over all models; with every model attacked on the same subset, split it per model.
  const per = models > 0 && p.total % models === 0 ? p.total / models : 0;
  if (!per) return `${head}: ${p.done} of ${p.total} images`;
  const k = Math.min(models, Math.floor(p.done / per) + 1);
  const inModel = p.done >= p.total ? per : p.done - (k - 1) * per;
  return `${head}: ${inModel} of ${per} images · model ${k} of ${models}`;
}

export interface EtaInput {
  current: CurrentCell | null;
  outcomes: readonly CellOutcome[];
  robust: RobustProgress | null;
  /** The latest step sample of the cell in progress. */
  lastSample: StepSample | null;
  afterRun: boolean;
  now: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Seconds until the whole study is done: what the cell in progress still needs (training ETA, then its PGD
 * evaluation), plus every cell not started at the mean time of the finished ones (training and PGD). Before any
 * cell has finished, a cell is taken to need what this one will have needed (elapsed + training ETA). Null when
 * there is nothing to go on yet.
 */
export function studyEta(x: EtaInput): number | null {
  const cur = x.current;
  if (!cur) return null;
  const doneIdx = new Set(x.outcomes.map((o) => o.cell.index));
  const curDone = doneIdx.has(cur.cell.index);
  const finishedRobust = x.outcomes.flatMap((o) => (o.robust ? [o.robust.seconds] : []));
  const meanRobust = finishedRobust.length ? mean(finishedRobust) : 0;

  const inRobust = !!x.robust && x.robust.cell === cur.cell.index;
  let trainLeft: number | null = curDone || inRobust ? 0 : (x.lastSample?.etaRun ?? null);
  let robustLeft = 0;
  if (curDone) robustLeft = 0;
  else if (inRobust) {
    const r = x.robust!;
    const rate = r.done > r.firstDone ? (r.at - r.firstAt) / 1000 / (r.done - r.firstDone) : 0;
    robustLeft = rate > 0 ? rate * (r.total - r.done) : meanRobust * (1 - r.done / Math.max(1, r.total));
  } else if (x.afterRun) robustLeft = meanRobust;

  const left = Math.max(0, cur.of - x.outcomes.length - (curDone ? 0 : 1));
  let perCell: number;
  if (x.outcomes.length) perCell = mean(x.outcomes.map((o) => o.seconds + (o.robust?.seconds ?? 0)));
  else {
    if (trainLeft === null) return null;
    perCell = (x.now - cur.startedAt) / 1000 + trainLeft + robustLeft;
  }
  // The cell has not reported a step yet: all of a finished cell's training to go.
  if (trainLeft === null) trainLeft = mean(x.outcomes.map((o) => o.seconds));
  return trainLeft + robustLeft + left * perCell;
}

/** The resume banner's "Study: seed 2 of 3 (cell 2 of 3)", with a sweep "Study: σ = 0.1, seed 2 of 3 (cell 5 of 15)". */
export function resumeStudyText(at: { cell: number; of: number; value: number | null }, spec: StudySpec): string {
  const n = spec.seeds.length;
  const value = spec.sweep && at.value !== null ? `${SWEEP_LABELS[spec.sweep.param]} = ${at.value}, ` : '';
  return `Study: ${value}seed ${(at.cell % n) + 1} of ${n} (cell ${at.cell + 1} of ${at.of})`;
}

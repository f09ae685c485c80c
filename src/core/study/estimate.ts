// How long a study will take: every cell's training (estimate.ts), minus teachers an earlier cell already trained
// (the worker caches them by key: a sweep that leaves the teacher alone trains it once per seed), plus the PGD
// evaluation after each cell. PGD costs about one training pass per attack step: measured on WASM, PGD-20 runs at
// 56 img/s against 1,075 img/s training for the default student, i.e. 20 × 56 ≈ 1,100 image-steps per second.
import type { ExperimentConfig } from '../config/schema';
import { estimateSeconds, INFERENCE_SPEEDUP, type Throughput } from '../train/estimate';
import { planPhases, teacherIdentity, type PlannedPhase } from '../train/plan';
import { cellConfig, studyCells, studyOf } from './plan';

export interface StudyEstimate {
  /** Everything: training and robust evaluation of every cell. */
  seconds: number;
  cells: number;
  /** Seconds per cell, in cell order (later cells are cheaper where a teacher is reused). */
  perCell: number[];
  /** Of `seconds`, the PGD evaluation after training (0 when it is switched off). */
  robust: number;
}

/** The worker's teacher cache key without the images (the same images for the same data spec and seed). */
const teacherKey = (cfg: ExperimentConfig, p: PlannedPhase) => JSON.stringify(teacherIdentity(cfg, p));

/** Seconds of the PGD evaluation after one cell: every model, the attack subset, one pass per step plus a clean one. */
export function robustSeconds(cfg: ExperimentConfig, throughput: Throughput): number {
  if (!cfg.attack.afterRun) return 0;
  const images = Math.min(cfg.attack.subset, cfg.data.testSize);
  return planPhases(cfg).reduce((s, p) => {
    const ips = throughput(p.spec, p.kind);
    return s + (images * cfg.attack.steps) / ips + images / (INFERENCE_SPEEDUP * ips);
  }, 0);
}

export function estimateStudy(base: ExperimentConfig, throughput: Throughput): StudyEstimate {
  const spec = studyOf(base);
  const trainedTeachers = new Set<string>();
  let robust = 0;
  const perCell = studyCells(spec).map((cell) => {
    const r = cellConfig(base, cell, spec.sweep);
    if (!r.ok) return NaN;
    const cfg = r.config;
    const seen = (p: PlannedPhase) => p.kind === 'teacher' && trainedTeachers.has(teacherKey(cfg, p));
    const training = estimateSeconds(cfg, throughput, seen);
    for (const p of planPhases(cfg)) if (p.kind === 'teacher') trainedTeachers.add(teacherKey(cfg, p));
    const attack = robustSeconds(cfg, throughput);
    robust += attack;
    return training + attack;
  });
  return { seconds: perCell.reduce((a, b) => a + b, 0), cells: perCell.length, perCell, robust };
}

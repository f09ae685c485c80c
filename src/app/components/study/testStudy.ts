// Hand-made study data for the study views' tests: a small config and CellOutcomes shaped exactly as the worker
// sends them (cell-done), with accuracies chosen per model and seed. Used only by tests.
import { experimentConfig, type ExperimentConfig } from '../../../core/config/schema';
import { cellConfig, studyCells, studyOf, type CellOutcome } from '../../../core/study';
import type { EpochMetrics, ModelResult } from '../../../core/train/events';
import { planPhases } from '../../../core/train/plan';

export function studyConfig(study?: unknown, students?: unknown[]): ExperimentConfig {
  return experimentConfig.parse({
    seed: 1,
    data: { dataset: 'synthetic', trainSize: 64, testSize: 32, size: 8 },
    teacher: { model: { family: 'cnn', channels: [4, 8], hidden: 16, dropout: 0.3 }, epochs: 2 },
    student: { model: { family: 'cnn', channels: [4, 8], hidden: 16 }, epochs: 2 },
    students: students ?? [
      { method: 'student-alone' },
      { method: 'hinton-kd' },
      { method: 'fickle-teacher' },
      { method: 'soft-randomization', sigma: 0.2 },
      { method: 'gaussian-augmentation', sigma: 0.2 },
      { method: 'messy-collaboration', rate: 0.2, target: 'S' },
    ],
    optimizer: { type: 'adam', lr: 0.01 },
    batchSize: 16,
    ...(study ? { study } : {}),
  });
}

/** (model id, seed, sweep value) → [clean, robust | null] accuracy in [0, 1]. */
export type Acc = (id: string, seed: number, value: number | null) => [number, number | null];

/** One outcome per cell of the config's study (or of `only`), histories ending at the final accuracy. */
export function outcomes(cfg: ExperimentConfig, acc: Acc, only?: number[]): CellOutcome[] {
  const spec = studyOf(cfg);
  return studyCells(spec)
    .filter((c) => !only || only.includes(c.index))
    .map((cell) => {
      const cc = cellConfig(cfg, cell, spec.sweep);
      if (!cc.ok) throw new Error(cc.error);
      const phases = planPhases(cc.config);
      const results: ModelResult[] = phases.map((p) => {
        const [clean] = acc(p.id, cell.seed, cell.value);
        const history: EpochMetrics[] = Array.from({ length: p.epochs }, (_, i) => ({
          id: p.id,
          epoch: i + 1,
          trainLoss: 1 / (i + 1),
          trainAcc: clean - 0.05 * (p.epochs - 1 - i),
          testLoss: 1 / (i + 1),
          testAcc: clean - 0.1 * (p.epochs - 1 - i),
          seconds: 2,
          imgPerSec: 100,
        }));
        return {
          id: p.id,
          label: p.label,
          kind: p.kind,
          method: p.method,
          architecture: 'cnn',
          params: 1000,
          testAcc: clean,
          testLoss: 0.5,
          trainAcc: clean,
          trainLoss: 0.5,
          seconds: 2 * p.epochs,
          imgPerSec: 100,
          history,
        };
      });
      const robust = cfg.attack.afterRun;
      return {
        cell,
        models: results.map((r) => ({
          id: r.id,
          label: r.label,
          kind: r.kind,
          method: r.method,
          clean: r.testAcc,
          robust: robust ? acc(r.id, cell.seed, cell.value)[1] : null,
        })),
        results,
        seconds: results.reduce((n, r) => n + r.seconds, 0),
        robust: robust ? { label: 'PGD-20 ε=0.1', count: 32, seconds: 3 } : null,
      };
    });
}

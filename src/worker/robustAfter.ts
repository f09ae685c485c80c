// The PGD evaluation after a cell's training (core/study/robust.ts), with the worker's pause/stop checkpoint and
// its progress throttled to ~10 messages a second (the first and the last always go).
import type { ExperimentConfig } from '../core/config/schema';
import type { Dataset } from '../core/data/types';
import type { Model } from '../core/nn/model';
import { measureRobust, type RobustMeasured } from '../core/study';
import { etaThrottle } from './progress';

export interface RobustHooks {
  /** Awaited between batches: waits while the run is paused, throws StoppedError when it is stopped. */
  checkpoint: () => Promise<void>;
  /** Images attacked so far over all models. */
  onProgress: (done: number, total: number, label: string) => void;
}

export function robustAfterTraining(
  cfg: ExperimentConfig,
  data: Dataset,
  models: ReadonlyMap<string, Model>,
  hooks: RobustHooks,
): Promise<RobustMeasured> {
  let report: ((done: number, total: number, force?: boolean) => void) | null = null;
  return measureRobust(cfg, data, models, {
    checkpoint: hooks.checkpoint,
    onProgress: (done, total, label) => {
      const first = !report;
      report ??= etaThrottle((d) => hooks.onProgress(d, total, label));
      report(done, total, first); // the first report always goes: the UI shows the stage at once
    },
  });
}

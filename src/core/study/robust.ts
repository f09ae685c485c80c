// Robust accuracy of a cell's models right after its training (attack.afterRun): white-box PGD at the config's
// ε on the cell's seeded test subset, the number a study compares across seeds next to clean accuracy. Shared by
// the worker (with pause/stop and throttled progress) and the CLI.
import { attackLabel, evalSubset, pgdOf, robustAccuracy, type AttackStats } from '../attacks';
import type { ExperimentConfig } from '../config/schema';
import type { Dataset } from '../data/types';
import type { Model } from '../nn/model';
import type { RobustRun } from './outcome';

export interface RobustMeasured {
  /** Robust accuracy by model id. */
  robust: Record<string, number>;
  /** Every figure of the attack by model id (clean, adversarial, robust accuracy and losses). */
  stats: Record<string, AttackStats>;
  run: RobustRun;
}

export interface RobustOptions {
  /** Awaited between batches: waits while the run is paused, throws StoppedError when it is stopped. */
  checkpoint?: () => Promise<void>;
  /** Images attacked so far over all models (unthrottled: every batch tick). */
  onProgress?: (done: number, total: number, label: string) => void;
}

export async function measureRobust(
  cfg: ExperimentConfig,
  data: Dataset,
  models: ReadonlyMap<string, Model>,
  o: RobustOptions = {},
): Promise<RobustMeasured> {
  const spec = pgdOf(cfg.attack);
  const label = attackLabel(spec);
  const subset = evalSubset(data.test, cfg.attack.subset, cfg.seed);
  const entries = [...models];
  const total = subset.length * entries.length;
  o.onProgress?.(0, total, label);
  const t0 = performance.now();
  const robust: Record<string, number> = {};
  const stats: Record<string, AttackStats> = {};
  // One model at a time: each model's random starts are its own stream, so the numbers are those of one joint
  // call, while Pause and Stop are honoured after every model's batch rather than after a batch of all of them.
  for (const [k, [id, model]] of entries.entries()) {
    const r = await robustAccuracy(new Map([[id, model]]), data, data.test, subset, spec, {
      seed: cfg.seed,
      checkpoint: o.checkpoint,
      onProgress: (p) => o.onProgress?.(k * subset.length + p.done, total, label),
    });
    stats[id] = r.models[id];
    robust[id] = r.models[id].robust;
  }
  return { robust, stats, run: { label, count: subset.length, seconds: (performance.now() - t0) / 1000 } };
}

// Robust accuracy of a cell's models right after its training (attack.afterRun): white-box PGD at the config's
// ε on the cell's seeded test subset, the number a study compares across seeds next to clean accuracy.
import { attackLabel, evalSubset, pgdOf, robustAccuracy } from '../core/attacks';
import type { ExperimentConfig } from '../core/config/schema';
import type { Dataset } from '../core/data/types';
import type { Model } from '../core/nn/model';
import type { RobustRun } from '../core/study';
import { etaThrottle } from './progress';

export interface RobustAfter {
  /** Robust accuracy by model id. */
  robust: Record<string, number>;
  run: RobustRun;
}

export interface RobustHooks {
  /** Awaited between batches: waits while the run is paused, throws StoppedError when it is stopped. */
  checkpoint: () => Promise<void>;
  /** Images attacked so far over all models (throttled to ~10 a second; the first and the last always go). */
  onProgress: (done: number, total: number, label: string) => void;
}

export async function robustAfterTraining(
  cfg: ExperimentConfig,
  data: Dataset,
  models: ReadonlyMap<string, Model>,
  hooks: RobustHooks,
): Promise<RobustAfter> {
  const spec = pgdOf(cfg.attack);
  const label = attackLabel(spec);
  const subset = evalSubset(data.test, cfg.attack.subset, cfg.seed);
  const entries = [...models];
  const total = subset.length * entries.length;
  const report = etaThrottle((done) => hooks.onProgress(done, total, label));
  report(0, total, true);
  const t0 = performance.now();
  const robust: Record<string, number> = {};
  // One model at a time: each model's random starts are its own stream, so the numbers are those of one joint
  // call, while Pause and Stop are honoured after every model's batch rather than after a batch of all of them.
  for (const [k, [id, model]] of entries.entries()) {
    const r = await robustAccuracy(new Map([[id, model]]), data, data.test, subset, spec, {
      seed: cfg.seed,
      checkpoint: hooks.checkpoint,
      onProgress: (p) => report(k * subset.length + p.done, total),
    });
    robust[id] = r.models[id].robust;
  }
  return { robust, run: { label, count: subset.length, seconds: (performance.now() - t0) / 1000 } };
}

// How long an ε sweep should take, known from its start: each model's training speed on this device (the run's
// own img/s per model, else the speed test's, scaled to the model) times the sweep's work, calibrated by the PGD
// evaluation the run measured after training (an attack step costs a backend-dependent share of a training pass).
// The worker's ETA, from the measured rate, replaces it once the first batch is done (on a GPU backend that is a
// fifth of a default sweep).
import { pgdOf } from '../../../core/attacks/subset';
import type { AttackSpec } from '../../../core/attacks/types';
import { INFERENCE_SPEEDUP, scaledThroughput } from '../../../core/train/estimate';
import type { Store } from '../../store';
import type { SweepPlan } from '../../store/attackSlice';

/** PGD's steps, FGSM's one: each costs about one training pass per image (core/study/estimate.ts measures it). */
const stepsOf = (a: AttackSpec) => ('steps' in a ? a.steps : 1);

/**
 * Seconds of a sweep over `images` test images on the models of `ips` (training img/s each). White-box: every
 * model is attacked at every ε > 0 through its own gradients; transfer: the source crafts once per ε and every
 * model is evaluated (clean at every ε, as the worker does). An evaluation costs 1/INFERENCE_SPEEDUP of a pass.
 */
export function sweepSeconds(plan: SweepPlan, images: number, ips: Record<string, number>): number {
  const ids = Object.keys(ips);
  const steps = stepsOf(plan.attack);
  const attacked = plan.epsList.filter((e) => e > 0).length;
  const evaluation = (id: string) => images / (INFERENCE_SPEEDUP * ips[id]);
  if (plan.source === null)
    return ids.reduce((t, id) => t + (1 + attacked) * evaluation(id) + (attacked * images * steps) / ips[id], 0);
  const evals = ids.reduce((t, id) => t + evaluation(id), 0);
  const source = ips[plan.source] ?? Math.min(...Object.values(ips));
  return plan.epsList.length * evals + attacked * (evals + (images * steps) / source);
}

type SpeedState = Pick<Store, 'phases' | 'plan' | 'results' | 'importedModels' | 'speedProbe' | 'dataset'>;
type LabState = SpeedState & Pick<Store, 'cellOutcomes' | 'runConfig'>;

/**
 * Training img/s of every model of the lab (the run's, then imported ones): the run's measurement of that model,
 * else the device's speed test scaled to it, else the slowest of the others. Null when nothing is known.
 */
export function labThroughputs(s: SpeedState): Record<string, number> | null {
  const ids = [
    ...Object.values(s.phases)
      .sort((a, b) => a.index - b.index)
      .map((p) => p.id),
    ...s.importedModels.map((m) => m.id),
  ];
  const measured = new Map(s.results.filter((r) => r.imgPerSec > 0).map((r) => [r.id, r.imgPerSec]));
  const planned = new Map(s.plan.map((p) => [p.id, p]));
  const d = s.dataset;
  const scaled =
    s.speedProbe && d
      ? scaledThroughput(s.speedProbe.imgPerSec, {
          height: d.shape[0],
          width: d.shape[1],
          channels: d.shape[2],
          numClasses: d.numClasses,
        })
      : null;
  const known: Record<string, number> = {};
  for (const id of ids) {
    const p = planned.get(id);
    const v = measured.get(id) ?? (scaled && p ? scaled(p.spec, p.kind) : undefined);
    if (v !== undefined && Number.isFinite(v) && v > 0) known[id] = v;
  }
  const values = Object.values(known);
  if (!values.length) return null;
  const slowest = Math.min(...values);
  return Object.fromEntries(ids.map((id) => [id, known[id] ?? slowest]));
}

/**
 * The sweep's estimated seconds from the store as it is now, or null without any speed to go by. With the run's
 * PGD evaluation after training (the latest cell's), the estimate is scaled so that it would have predicted that
 * evaluation's measured time: the same attack on the same models on this device.
 */
export function estimateSweep(s: LabState, plan: SweepPlan): number | null {
  const ips = labThroughputs(s);
  if (!ips) return null;
  const images = Math.min(plan.subset, s.dataset?.test ?? plan.subset);
  return sweepSeconds(plan, images, ips) * calibration(s, ips);
}

/** Measured ÷ predicted seconds of the run's own PGD evaluation; 1 when there was none. */
function calibration(s: LabState, ips: Record<string, number>): number {
  const last = [...s.cellOutcomes].reverse().find((o) => o.robust && o.robust.seconds > 0);
  if (!last?.robust || !s.runConfig) return 1;
  const evaluated = Object.fromEntries(last.results.flatMap((r) => (ips[r.id] ? [[r.id, ips[r.id]]] : [])));
  if (!Object.keys(evaluated).length) return 1;
  const a = s.runConfig.attack;
  const run: SweepPlan = { attack: pgdOf(a), epsList: [a.eps], subset: last.robust.count, source: null };
  const k = last.robust.seconds / sweepSeconds(run, last.robust.count, evaluated);
  return Number.isFinite(k) && k > 0 ? k : 1;
}

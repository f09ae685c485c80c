// Robust accuracy on a subset of a split, batched: white-box (each model attacked through its own gradients),
// over a list of ε, and transfer (crafted on one source model, evaluated on the others). Per batch every
// statistic stays on the device and is read once, with await data(), at the end of the batch.
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, Split } from '../data/types';
import { INFERENCE, type Model } from '../nn/model';
import { type Rng, stream } from '../rng';
import { attack } from './attack';
import {
  batchSizeOf,
  betweenBatches,
  checkIndices,
  type ModelSet,
  modelEntries,
  paddedBatch,
  type RunOptions,
  seedOf,
} from './loop';
import { perExampleCe } from './objective';
import { type AttackSpec, checkAttack, defaultEpsList, withEps } from './types';

export interface AttackStats {
  /** Accuracy on the clean inputs. */
  clean: number;
  /** Accuracy on the adversarial inputs. */
  adv: number;
  /** Fraction correct on the clean input AND after the attack (≤ clean and ≤ adv). */
  robust: number;
  /** Mean CE to the true label on the clean / adversarial inputs. */
  cleanLoss: number;
  advLoss: number;
}

export interface RobustAccuracy {
  spec: AttackSpec;
  count: number;
  seed: number;
  models: Record<string, AttackStats>;
}

export interface SweepPoint {
  eps: number;
  adv: number;
  robust: number;
  advLoss: number;
}

export interface EpsSweep {
  /** The attack at its own ε; each point uses withEps(spec, ε). */
  spec: AttackSpec;
  epsList: number[];
  count: number;
  seed: number;
  /** Clean accuracy (the ε = 0 point). */
  clean: Record<string, number>;
  models: Record<string, SweepPoint[]>;
}

/** White-box robust accuracy of each model under one attack. */
export async function robustAccuracy(
  models: ModelSet,
  d: Dataset,
  split: Split,
  indices: ArrayLike<number>,
  spec: AttackSpec,
  opts: RunOptions = {},
): Promise<RobustAccuracy> {
  const t = await tally(modelEntries(models), null, [spec], d, split, indices, opts);
  return { spec, count: indices.length, seed: seedOf(opts), models: statsRecord(t, 0) };
}

/** Robust accuracy per model over a list of ε (Foolbox style); ε = 0 gives the clean accuracy. */
export async function epsSweep(
  models: ModelSet,
  d: Dataset,
  split: Split,
  indices: ArrayLike<number>,
  spec: AttackSpec,
  epsList: readonly number[] = defaultEpsList(d),
  opts: RunOptions = {},
): Promise<EpsSweep> {
  const specs = epsList.map((e) => withEps(spec, e));
  const t = await tally(modelEntries(models), null, specs, d, split, indices, opts);
  const clean: Record<string, number> = {};
  const out: Record<string, SweepPoint[]> = {};
  for (const m of t.ids) {
    const s = t.get(m, 0);
    clean[m] = s.clean;
    out[m] = specs.map((sp, k) => {
      const r = t.get(m, k);
      return { eps: sp.eps, adv: r.adv, robust: r.robust, advLoss: r.advLoss };
    });
  }
  return { spec, epsList: [...epsList], count: indices.length, seed: seedOf(opts), clean, models: out };
}

/** Examples crafted on `source` (white-box on it), evaluated on every target (include the source to compare). */
export async function transfer(
  source: Model,
  targets: ModelSet,
  d: Dataset,
  split: Split,
  indices: ArrayLike<number>,
  spec: AttackSpec,
  opts: RunOptions = {},
): Promise<RobustAccuracy> {
  const t = await tally(modelEntries(targets), source, [spec], d, split, indices, opts);
  return { spec, count: indices.length, seed: seedOf(opts), models: statsRecord(t, 0) };
}

function statsRecord(t: Tally, k: number): Record<string, AttackStats> {
  return Object.fromEntries(t.ids.map((m) => [m, t.get(m, k)]));
}

interface Tally {
  ids: string[];
  get(model: string, spec: number): AttackStats;
}

/** Random starts: one stream per crafting model, so adding a model never shifts another's starts. */
const attackRng = (seed: number, id: string): Rng => stream(seed, 'attack', id);

/** [correct, CE] per example, stacked to [2, B]. */
function exampleStats(model: Model, x: tf.Tensor4D, y: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const logits = model.apply(x, INFERENCE);
    const correct = tf.cast(tf.equal(tf.argMax(logits, 1), y), 'float32');
    return tf.stack([correct, perExampleCe(logits, y)]) as tf.Tensor2D;
  });
}

async function tally(
  targets: [string, Model][],
  source: Model | null,
  specs: AttackSpec[],
  d: Dataset,
  split: Split,
  indices: ArrayLike<number>,
  opts: RunOptions,
): Promise<Tally> {
  checkIndices(split, indices);
  for (const s of specs) checkAttack(s, d.numClasses);
  const seed = seedOf(opts);
  const M = targets.length;
  const S = specs.length;
  const total = indices.length;
  const B = batchSizeOf(opts, total);
  const rngs = targets.map(([id]) => attackRng(seed, id));
  const sourceRng = attackRng(seed, 'source');
  // Sums over examples: clean[m], cleanLoss[m]; adv/robust/advLoss[k*M + m].
  const clean = new Float64Array(M);
  const cleanLoss = new Float64Array(M);
  const adv = new Float64Array(S * M);
  const robust = new Float64Array(S * M);
  const advLoss = new Float64Array(S * M);

  // Progress from the start and within each batch (one tick per model and ε): a batch of 100 images over five
  // models and five ε is a fifth of a default sweep, which otherwise showed "starting…" for most of a minute.
  let reported = 0;
  const report = (done: number) => {
    if (done > reported || done === 0) opts.onProgress?.({ done, total });
    reported = Math.max(reported, done);
  };
  report(0);
  const units = M * (1 + specs.filter((s) => s.eps !== 0).length);
  for (let start = 0; start < total; start += B) {
    await betweenBatches(opts);
    const b = paddedBatch(d, split, indices, start, B);
    let unit = 0;
    const tick = () => report(Math.min(total, start + Math.floor((b.valid * ++unit) / units)));
    const x = tf.tensor4d(b.x, [B, d.height, d.width, d.channels]);
    const y = tf.tensor1d(Int32Array.from(b.y), 'int32');
    const rows: tf.Tensor2D[] = [];
    let all: tf.Tensor | null = null;
    try {
      for (const [, m] of targets) {
        rows.push(exampleStats(m, x, y));
        tick();
      }
      for (const spec of specs) {
        if (spec.eps === 0) {
          rows.push(...rows.slice(0, M)); // the clean rows (disposing a tensor twice is a no-op)
          continue;
        }
        const shared = source ? attack(source, x, y, spec, sourceRng) : null;
        try {
          targets.forEach(([, m], i) => {
            const xAdv = shared ?? attack(m, x, y, spec, rngs[i]);
            rows.push(exampleStats(m, xAdv, y));
            if (!shared) xAdv.dispose();
            tick();
          });
        } finally {
          shared?.dispose();
        }
      }
      all = tf.stack(rows);
      const v = await all.data();
      // Row r of `all` is [2, B]: correct at r*2B, CE at r*2B + B.
      const at = (r: number, row: 0 | 1, i: number) => v[r * 2 * B + row * B + i];
      for (let m = 0; m < M; m++) {
        for (let i = 0; i < b.valid; i++) {
          clean[m] += at(m, 0, i);
          cleanLoss[m] += at(m, 1, i);
          for (let k = 0; k < S; k++) {
            const r = M + k * M + m;
            adv[k * M + m] += at(r, 0, i);
            robust[k * M + m] += at(m, 0, i) * at(r, 0, i);
            advLoss[k * M + m] += at(r, 1, i);
          }
        }
      }
    } finally {
      tf.dispose([x, y, ...rows]);
      all?.dispose();
    }
    report(Math.min(start + B, total));
  }

  const ids = targets.map(([id]) => id);
  return {
    ids,
    get: (id, k) => {
      const m = ids.indexOf(id);
      const j = k * M + m;
      return {
        clean: clean[m] / total,
        adv: adv[j] / total,
        robust: robust[j] / total,
        cleanLoss: cleanLoss[m] / total,
        advLoss: advLoss[j] / total,
      };
    },
  };
}

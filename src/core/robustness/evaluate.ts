// Accuracy under corruptions: per model × corruption × severity on a subset, batched. Conditions run one after
// another (clean first), batch by batch; the images are corrupted on the host, each model's hit count stays on
// the device and the batch's counts are read once, with await data(), at the end of the batch.
import * as tf from '@tensorflow/tfjs-core';
import {
  batchSizeOf,
  betweenBatches,
  checkIndices,
  type ModelSet,
  modelEntries,
  paddedBatch,
  type RunOptions,
  seedOf,
} from '../attacks/loop';
import type { Dataset, Split } from '../data/types';
import { INFERENCE } from '../nn/model';
import { corruptImages } from './corruptions';
import { CORRUPTIONS, type Corruption, SEVERITIES, type Severity } from './severity';

export interface CorruptionOptions extends RunOptions {
  /** Default: all of CORRUPTIONS. */
  corruptions?: readonly Corruption[];
  /** Default: 1..5. */
  severities?: readonly Severity[];
}

export interface CorruptionModelResult {
  clean: number;
  /** Accuracy per corruption, one entry per requested severity (in order). */
  acc: Partial<Record<Corruption, number[]>>;
  /** Mean over the severities, per corruption. */
  perCorruption: Partial<Record<Corruption, number>>;
  /** Mean corruption accuracy: mean over all corruption × severity cells. */
  mean: number;
}

export interface CorruptionAccuracy {
  count: number;
  seed: number;
  corruptions: Corruption[];
  severities: Severity[];
  models: Record<string, CorruptionModelResult>;
}

/**
 * Progress counts example evaluations: done/total with total = count × (1 + corruptions × severities).
 * Stop / pause act between batches (see RunOptions).
 */
export async function corruptionAccuracy(
  models: ModelSet,
  d: Dataset,
  split: Split,
  indices: ArrayLike<number>,
  opts: CorruptionOptions = {},
): Promise<CorruptionAccuracy> {
  checkIndices(split, indices);
  const corruptions = [...(opts.corruptions ?? CORRUPTIONS)];
  const severities = [...(opts.severities ?? SEVERITIES)];
  for (const c of corruptions) if (!CORRUPTIONS.includes(c)) throw new Error(`unknown corruption "${c}"`);
  for (const s of severities) if (!SEVERITIES.includes(s)) throw new Error(`severity must be 1..5, got ${s}`);
  const seed = seedOf(opts);
  const entries = modelEntries(models);
  const count = indices.length;
  const B = batchSizeOf(opts, count);
  const shape = { height: d.height, width: d.width, channels: d.channels };
  const conditions: (null | { kind: Corruption; severity: Severity })[] = [
    null,
    ...corruptions.flatMap((kind) => severities.map((severity) => ({ kind, severity }))),
  ];
  const total = count * conditions.length;
  // hits[condition * M + model]
  const M = entries.length;
  const hits = new Float64Array(conditions.length * M);
  let done = 0;

  for (let ci = 0; ci < conditions.length; ci++) {
    const cond = conditions[ci];
    for (let start = 0; start < count; start += B) {
      await betweenBatches(opts);
      const b = paddedBatch(d, split, indices, start, B);
      const ids = Array.from({ length: B }, (_, i) => indices[start + Math.min(i, b.valid - 1)]);
      const xHost = cond ? corruptImages(cond.kind, b.x, shape, cond.severity, seed, ids) : b.x;
      // Per-example hits for every model, [M, B]; padded rows are dropped on the host.
      const correct = tf.tidy(() => {
        const x = tf.tensor4d(xHost, [B, d.height, d.width, d.channels]);
        const y = tf.tensor1d(Int32Array.from(b.y), 'int32');
        return tf.stack(entries.map(([, m]) => tf.cast(tf.equal(tf.argMax(m.apply(x, INFERENCE), 1), y), 'float32')));
      });
      try {
        const v = await correct.data();
        for (let m = 0; m < M; m++) for (let i = 0; i < b.valid; i++) hits[ci * M + m] += v[m * B + i];
      } finally {
        correct.dispose();
      }
      done += b.valid;
      opts.onProgress?.({ done, total });
    }
  }

  const out: Record<string, CorruptionModelResult> = {};
  entries.forEach(([id], m) => {
    const acc: Partial<Record<Corruption, number[]>> = {};
    const perCorruption: Partial<Record<Corruption, number>> = {};
    let sum = 0;
    corruptions.forEach((kind, k) => {
      acc[kind] = severities.map((_, s) => hits[(1 + k * severities.length + s) * M + m] / count);
      perCorruption[kind] = acc[kind]!.reduce((a, v) => a + v, 0) / severities.length;
      sum += perCorruption[kind]!;
    });
    out[id] = { clean: hits[m] / count, acc, perCorruption, mean: corruptions.length ? sum / corruptions.length : NaN };
  });
  return { count, seed, corruptions, severities, models: out };
}

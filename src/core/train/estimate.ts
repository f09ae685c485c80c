// How long a run will take, before it starts: the planned phases (plan.ts) times a throughput per model. The UI
// measures one img/s (the default student on this device) and scales it to other models by their cost per image.
import { inputShapeOf } from '../data/shape';
import { wrnBlocks, WRN_STEM, type Shape } from '../nn/paramCount';
import { cleanTrainSize } from './cleanTrain';
import { planPhases, type PlannedPhase } from './plan';
import { defaultConfig } from '../config/defaults';
import type { ExperimentConfig, ModelSpec } from '../config/schema';

/** Training images per second of a model (forward + backward + update). */
export type Throughput = (spec: ModelSpec, kind: 'teacher' | 'student') => number;

/** Inference (test evaluation, a frozen teacher's logits) runs at about this multiple of the training speed. */
export const INFERENCE_SPEEDUP = 3;

/**
 * Seconds for the whole run: every planned phase trains epochs × floor(trainSize / batch) full batches (the
 * ragged last batch is dropped) and evaluates the test set and the clean training subset (cleanTrain.ts) after
 * each epoch. A student that distils also pays
 * for its teacher's forward pass on every batch; a teacher shared by several students is trained once.
 */
export function estimateSeconds(
  cfg: ExperimentConfig,
  throughput: Throughput,
  /** Phases whose model is already trained (a cached teacher): they cost nothing. */
  trained: (p: PlannedPhase) => boolean = () => false,
): number {
  const phases = planPhases(cfg);
  const trainImages = Math.floor(cfg.data.trainSize / cfg.batchSize) * cfg.batchSize;
  const evalImages = cfg.data.testSize + cleanTrainSize(cfg.data.trainSize, cfg.data.testSize);
  const byId = new Map(phases.map((p) => [p.id, p]));
  let seconds = 0;
  for (const p of phases) {
    if (trained(p)) continue;
    const ips = throughput(p.spec, p.kind);
    seconds += (p.epochs * trainImages) / ips + (p.epochs * evalImages) / (INFERENCE_SPEEDUP * ips);
    const teacher = p.teacherId ? byId.get(p.teacherId) : undefined;
    if (teacher) seconds += (p.epochs * trainImages) / (INFERENCE_SPEEDUP * throughput(teacher.spec, 'teacher'));
  }
  return seconds;
}

/**
 * Approximate forward FLOPs per image (a multiply-add counts 2), from the same shapes as paramCount: convolutions
 * and dense layers, plus the element-wise work (bias, ReLU, pooling, batch norm, dropout, residual adds).
 */
export function costPerImage(spec: ModelSpec, s: Shape): number {
  let flops = s.height * s.width * s.channels; // input normalisation
  if (spec.family === 'cnn') {
    const [c1, c2] = spec.channels;
    const h1 = Math.ceil(s.height / 2);
    const w1 = Math.ceil(s.width / 2);
    const flat = Math.ceil(h1 / 2) * Math.ceil(w1 / 2) * c2;
    flops += 2 * s.height * s.width * 9 * s.channels * c1 + 3 * s.height * s.width * c1;
    flops += 2 * h1 * w1 * 9 * c1 * c2 + 3 * h1 * w1 * c2;
    flops += 2 * flat * spec.hidden + 2 * spec.hidden + (spec.dropout ? 2 * spec.hidden : 0);
    return flops + 2 * spec.hidden * s.numClasses + s.numClasses;
  }
  flops += 2 * s.height * s.width * 9 * s.channels * WRN_STEM;
  const blocks = wrnBlocks(spec, s);
  for (const { cin, cout, h, w, ho, wo, projected } of blocks) {
    flops += 4 * h * w * cin; // BN + ReLU on the block input
    flops += 2 * ho * wo * 9 * cin * cout + 4 * ho * wo * cout + (spec.dropout ? 2 * ho * wo * cout : 0);
    flops += 2 * ho * wo * 9 * cout * cout + ho * wo * cout; // second conv, residual add
    if (projected) flops += 2 * ho * wo * cin * cout;
  }
  const last = blocks.at(-1);
  const [h, w, cin] = last ? [last.ho, last.wo, last.cout] : [s.height, s.width, WRN_STEM];
  return flops + 5 * h * w * cin + 2 * cin * s.numClasses + s.numClasses;
}

/**
 * Fixed per-image cost (in FLOP equivalents) on top of the arithmetic: small models are bound by per-op overhead
 * and memory traffic, not FLOPs. Calibrated on the README's WASM figures (2-core machine): default student
 * ~1,075 img/s and WRN-16-2 on CIFAR-10 ~22 img/s, a ratio of ~49 where FLOPs alone say ~89. With it the
 * default experiment estimates ~306 s (~290 s before the clean training-subset evaluation) against 329 s
 * measured (`npm run experiment`, which also loads data; measured before that evaluation).
 */
export const OVERHEAD_FLOPS = 1.9e6;

const MNIST_SHAPE: Shape = { height: 28, width: 28, channels: 1, numClasses: 10 };

/**
 * A Throughput from one measurement: `measured` img/s of `reference` (by default the default student on
 * MNIST-shaped input) scaled to any model on `shape` by cost per image (plus the fixed overhead).
 */
export function scaledThroughput(
  measured: number,
  shape: Shape,
  reference: { spec: ModelSpec; shape: Shape } = { spec: defaultConfig().student.model, shape: MNIST_SHAPE },
): Throughput {
  const refCost = costPerImage(reference.spec, reference.shape) + OVERHEAD_FLOPS;
  return (spec) => (measured * refCost) / (costPerImage(spec, shape) + OVERHEAD_FLOPS);
}

/** Seconds for `cfg` on a device where the default student trains at `measured` img/s. */
export function estimateFromMeasurement(cfg: ExperimentConfig, measured: number): number {
  return estimateSeconds(cfg, scaledThroughput(measured, inputShapeOf(cfg.data)));
}

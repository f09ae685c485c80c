// The training images whose clean cross-entropy is reported after every epoch (EpochMetrics.cleanTrainLoss): the
// quantity the loss chart compares across models, since each method's training objective differs (KD on noisy
// inputs, CE on corrupted labels, ...). tfjs-free, so the run-time estimate can count its cost.

/**
 * At most this many: the evaluation then costs at most as much as the test evaluation (which it matches in size,
 * so both curves are about equally noisy), ~8 % of an epoch on the default config (8,000 training images).
 */
export const CLEAN_TRAIN_MAX = 2000;

/** How many training images the clean evaluation reads: min(train, test, CLEAN_TRAIN_MAX). */
export function cleanTrainSize(trainCount: number, testCount: number, max = CLEAN_TRAIN_MAX): number {
  return Math.max(0, Math.min(trainCount, testCount, max));
}

/**
 * Evenly strided indices over the whole training set (image ⌊i·N/n⌋): fixed for the run, spread over every part
 * of the set, and drawn without a random stream, so the evaluation leaves the training's streams untouched.
 */
export function cleanTrainIndices(trainCount: number, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor((i * trainCount) / n);
  return out;
}

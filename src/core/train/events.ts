// What the trainer reports. The worker forwards these (throttled) to the UI; the CLI prints them.
import type { TuneStatus } from '../nn/tune/autotuner';

export type PhaseKind = 'teacher' | 'student';

export interface PhaseInfo {
  id: string;
  label: string;
  kind: PhaseKind;
  method: string;
  architecture: string;
  params: number;
  epochs: number;
  stepsPerEpoch: number;
  index: number;
  total: number;
  /** Set when this phase reused an already-trained model. */
  reused?: boolean;
  /** Set when this phase continues from a checkpoint (epochs before the checkpoint's are not re-reported). */
  resumed?: boolean;
}

export interface StepSample {
  id: string;
  epoch: number; // 0-based
  step: number; // within the epoch, 1-based
  stepsPerEpoch: number;
  /** Fractional epochs completed, for plotting. */
  progress: number;
  loss: number;
  imgPerSec: number;
  /** Seconds left in this phase, and in the whole run (estimated). */
  etaPhase: number;
  etaRun: number;
  lr: number;
}

export interface EpochMetrics {
  id: string;
  epoch: number; // 1-based, completed
  /**
   * The mean training objective of the epoch's steps and the accuracy on its training batches, as trained (with
   * the method's noise: KD with T², noisy inputs, corrupted labels): they differ by method, not comparable.
   */
  trainLoss: number;
  trainAcc: number;
  /** Clean test cross-entropy and accuracy on the true labels, in inference mode. */
  testLoss: number;
  testAcc: number;
  /**
   * The same on a fixed subset of the training images (cleanTrain.ts), comparable across models. Absent in
   * records from versions before it (checkpoints, run history) and when the trainer was told to skip it.
   */
  cleanTrainLoss?: number;
  cleanTrainAcc?: number;
  seconds: number;
  imgPerSec: number;
}

export interface ModelResult {
  id: string;
  label: string;
  kind: PhaseKind;
  method: string;
  architecture: string;
  params: number;
  testAcc: number;
  testLoss: number;
  trainAcc: number;
  trainLoss: number;
  seconds: number;
  imgPerSec: number;
  history: EpochMetrics[];
}

/** The label corruption of one training batch (Messy Collaboration): how many CE labels it flipped. */
export interface LabelFlips {
  id: string;
  epoch: number; // 0-based
  step: number; // within the epoch, 1-based
  /** The corruption rate r of this model's CE labels. */
  rate: number;
  batch: number;
  /** Samples whose CE label differs from the true one (a redraw may land on the true class). */
  count: number;
  /** Up to four of them, true → used. */
  examples: { from: number; to: number }[];
}

export interface TrainerListener {
  onPhaseStart?(p: PhaseInfo): void;
  onStep?(s: StepSample): void;
  onEpochEnd?(m: EpochMetrics): void;
  onPhaseEnd?(r: ModelResult): void;
  onPause?(): void;
  /** The flips of a training batch with label noise: the phase's first step, then at most every LABEL_FLIPS_MS. */
  onLabelFlips?(f: LabelFlips): void;
  /** The autotuner of TrainerOptions.tuner times formulations for a model's shapes ('tuning'), then is 'done'. */
  onTuning?(t: TuningEvent): void;
}

/** A phase's tuning status (only when it has shapes the cache did not know, or new decisions to list). */
export type TuningEvent = { id: string } & TuneStatus;

// The experiment runner: trains each distinct teacher the students need (once), then every student
// against its frozen teacher (plan.ts decides the phases), reporting sampled step losses and per-epoch metrics as it goes.
// With onCheckpoint it hands out a checkpoint after every epoch; resumeFrom continues one exactly (checkpoint.ts).
import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../config/schema';
import { hostBatch, range } from '../data/batches';
import type { Dataset } from '../data/types';
import { labelFlips } from '../methods/labelNoise';
import { buildModel } from '../nn/build';
import type { InputInfo, Model } from '../nn/model';
import { loadModel } from '../nn/serialize';
import {
  checkResumable,
  Checkpointer,
  phaseRngs,
  restoreRngStates,
  rngStates,
  type PhaseCheckpoint,
  type RunCheckpoint,
} from './checkpoint';
import { cleanTrainIndices, cleanTrainSize } from './cleanTrain';
import { RunControl, yieldToEventLoop } from './control';
import { evaluate } from './evaluate';
import type { EpochMetrics, ModelResult, TrainerListener } from './events';
import { exportOptimState, importOptimState, makeOptimizer } from './optimizer';
import { stream } from '../rng';
import { phaseInfo, planPhases, type PlannedPhase } from './plan';
import { learningRateAt } from './schedule';
import { trainStep } from './step';
import { setActiveTuner } from '../nn/ops/routing';
import type { Tuner } from '../nn/tune/autotuner';

export { phaseInfo, planPhases, type PlannedPhase } from './plan';
export { checkpointBytes, type RunCheckpoint } from './checkpoint';

/**
 * NaN/∞, or a loss a thousand times that of uniform guessing (ln K): with SGD at lr 1e3 the loss reaches
 * ~1e29 while staying finite, and no healthy run (CE or T²-scaled KD) gets anywhere near it.
 */
export function diverged(loss: number, numClasses: number): boolean {
  return !Number.isFinite(loss) || loss > 1000 * Math.log(numClasses);
}

/** The label flips of a batch are reported at most this often (they are for watching, not for the record). */
export const LABEL_FLIPS_MS = 300;

export class DivergedError extends Error {
  constructor(
    readonly modelLabel: string,
    readonly epoch: number,
    readonly step: number,
    lr: number,
  ) {
    super(
      `Training diverged: the loss of "${modelLabel}" exploded (NaN, infinite or over 1000× chance level) at epoch ${epoch + 1}, step ${step}. ` +
        `The learning rate (${Number(lr.toPrecision(3))}) is probably too high; try 10× lower.`,
    );
    this.name = 'DivergedError';
  }
}

export interface RunOutput {
  results: ModelResult[];
  /** Models by phase id. The caller owns and disposes those trained here; reused ones stay with their owner. */
  models: Map<string, Model>;
  seconds: number;
}

export interface TrainerOptions {
  control?: RunControl;
  listener?: TrainerListener;
  /** Read the loss back every N steps (default: about 25 samples per epoch). */
  sampleEvery?: number;
  /** Reuse an already-trained model for a phase id instead of training it (e.g. a cached teacher). */
  reuse?: Map<string, Model>;
  /** Keep the teachers alive after the run (default: dispose them when their last student is done). */
  keepTeachers?: boolean;
  /** Stop after this many steps per epoch (for benchmarks and tests). */
  maxStepsPerEpoch?: number;
  /**
   * The map the trainer registers each model in as its phase starts (default: a new one), so a caller can
   * evaluate or attack the models trained so far while the run is paused.
   */
  models?: Map<string, Model>;
  /**
   * Called, and awaited, with a checkpoint after every finished epoch (the one after a phase's last epoch is
   * taken at the phase boundary, after onPhaseEnd). Throwing from it ends the run with that error. Finished
   * models' arrays are shared by successive checkpoints: clone them (postMessage, IndexedDB), never transfer them.
   */
  onCheckpoint?: (cp: RunCheckpoint) => Promise<void> | void;
  /**
   * Continue a run from a checkpoint (same config, data and steps per epoch; checked). Finished phases are not
   * re-announced, their results come back in the output; the phase in progress gets onPhaseStart with
   * `resumed: true` and continues from the checkpoint's epoch. Models come from the checkpoint, or from `reuse`.
   */
  resumeFrom?: RunCheckpoint;
  /**
   * How many training images (at most) the clean cross-entropy after each epoch reads (default CLEAN_TRAIN_MAX,
   * capped by the test set's size; 0 skips it and leaves cleanTrainLoss/cleanTrainAcc out).
   */
  cleanTrainMax?: number;
  /**
   * Autotuning of the training ops' formulations (nn/tune): each trained model's first step records its shapes,
   * which are then looked up in the tuner's cache or timed (within its budget) before the second step. Without
   * one, the ops follow their prior rules (routing.ts). The phase's clocks leave the tuning time out.
   */
  tuner?: Tuner;
}

export function inputInfo(d: Dataset): InputInfo {
  return { height: d.height, width: d.width, channels: d.channels, numClasses: d.numClasses, mean: d.mean, std: d.std };
}

export async function runExperiment(
  cfg: ExperimentConfig,
  data: Dataset,
  opts: TrainerOptions = {},
): Promise<RunOutput> {
  const control = opts.control ?? new RunControl();
  const phases = planPhases(cfg);
  const fullSteps = Math.floor(data.train.count / cfg.batchSize);
  const stepsPerEpoch = Math.min(fullSteps, opts.maxStepsPerEpoch ?? Infinity);
  const totalSteps = phases.reduce((n, p) => n + p.epochs * stepsPerEpoch, 0);
  const models = opts.models ?? new Map<string, Model>();
  const from = opts.resumeFrom;
  if (from) checkResumable(from, cfg, data, stepsPerEpoch, phases, opts.reuse);
  const results: ModelResult[] = from ? from.results.map((r) => ({ ...r, history: [...r.history] })) : [];
  const t0 = performance.now() - (from?.seconds ?? 0) * 1000;
  let stepsDone = from?.stepsDone ?? 0;
  const checkpointer = opts.onCheckpoint ? new Checkpointer(cfg, data, stepsPerEpoch, from) : null;
  const finishedModels = (upTo: number) =>
    phases
      .slice(0, upTo)
      .filter((p) => models.has(p.id))
      .map((p): [string, Model] => [p.id, models.get(p.id)!]);
  const save = async (phase: number, current: { model: Model; progress: PhaseCheckpoint } | null) => {
    const cp = await checkpointer!.capture({
      phase,
      results,
      finished: finishedModels(phase),
      current,
      stepsDone,
      seconds: (performance.now() - t0) / 1000,
    });
    await opts.onCheckpoint!(cp);
  };

  if (opts.tuner) setActiveTuner(opts.tuner);
  try {
    // Models saved in the checkpoint, registered in phase order as an uninterrupted run would hold them.
    for (const m of from?.models ?? []) {
      if (m.id !== from!.current?.id) models.set(m.id, opts.reuse?.get(m.id) ?? loadModel(m.model, inputInfo(data)));
    }
    for (let index = from?.phase ?? 0; index < phases.length; index++) {
      const phase = phases[index];
      const teacher = phase.teacherId ? models.get(phase.teacherId)! : null;
      const reused = opts.reuse?.get(phase.id);
      const resume = !reused && from?.current?.id === phase.id ? from.current : undefined;
      const info = phaseInfo(phase, {
        index,
        total: phases.length,
        stepsPerEpoch,
        params: 0,
        reused: !!reused,
        resumed: !!resume,
      });
      let history: EpochMetrics[] = [];
      const ps = performance.now() - (resume?.seconds ?? 0) * 1000;
      const saved = resume && from!.models.find((m) => m.id === phase.id)?.model;
      const model =
        reused ??
        (saved
          ? loadModel(saved, inputInfo(data))
          : buildModel(phase.spec, inputInfo(data), stream(cfg.seed, 'init', phase.id)));
      models.set(phase.id, model); // registered first, so a failed phase still gets disposed below
      info.params = model.paramCount();
      opts.listener?.onPhaseStart?.(info);
      if (reused) {
        stepsDone += phase.epochs * stepsPerEpoch;
      } else {
        const afterEpoch = checkpointer ? (progress: PhaseCheckpoint) => save(index, { model, progress }) : undefined;
        history = await trainPhase(
          cfg,
          data,
          phase,
          model,
          teacher,
          stepsPerEpoch,
          control,
          opts,
          (secPerStep) => {
            stepsDone++;
            return (totalSteps - stepsDone) * secPerStep;
          },
          resume,
          afterEpoch,
        );
      }
      const last = history.at(-1) ?? { ...(await evaluateAll(model, data)), seconds: 0, imgPerSec: 0 };
      const result: ModelResult = {
        id: phase.id,
        label: phase.label,
        kind: phase.kind,
        method: phase.method,
        architecture: info.architecture,
        params: info.params,
        testAcc: last.testAcc,
        testLoss: last.testLoss,
        trainAcc: last.trainAcc,
        trainLoss: last.trainLoss,
        seconds: (performance.now() - ps) / 1000,
        imgPerSec: history.length ? history.reduce((a, h) => a + h.imgPerSec, 0) / history.length : 0,
        history,
      };
      results.push(result);
      opts.listener?.onPhaseEnd?.(result);
      // A teacher no later student needs can go (unless the caller keeps it).
      if (!opts.keepTeachers) {
        for (const t of phases.filter((p) => p.kind === 'teacher' && models.has(p.id) && !opts.reuse?.has(p.id))) {
          if (!phases.slice(index + 1).some((p) => p.teacherId === t.id)) {
            models.get(t.id)!.dispose();
            models.delete(t.id);
          }
        }
      }
      if (checkpointer) await save(index + 1, null);
    }
  } catch (e) {
    for (const [id, m] of models) if (!opts.reuse?.has(id)) m.dispose();
    throw e;
  } finally {
    if (opts.tuner) {
      opts.tuner.abort(); // a step that failed while recording leaves clones behind
      setActiveTuner(null);
    }
  }
  return { results, models, seconds: (performance.now() - t0) / 1000 };
}

async function evaluateAll(model: Model, data: Dataset) {
  const te = await evaluate(model, data, data.test);
  return { testLoss: te.loss, testAcc: te.acc, trainLoss: NaN, trainAcc: NaN };
}

async function trainPhase(
  cfg: ExperimentConfig,
  data: Dataset,
  phase: PlannedPhase,
  model: Model,
  teacher: Model | null,
  stepsPerEpoch: number,
  control: RunControl,
  opts: TrainerOptions,
  onStepDone: (secPerStep: number) => number,
  resume?: PhaseCheckpoint,
  afterEpoch?: (progress: PhaseCheckpoint) => Promise<void>,
): Promise<EpochMetrics[]> {
  const B = cfg.batchSize;
  const rngs = phaseRngs(cfg.seed, phase.id, !!data.augment && data.augment !== 'none');
  const augment = rngs.augment && data.augment ? { mode: data.augment, rng: rngs.augment } : undefined;
  const order = resume ? Int32Array.from(resume.order) : range(data.train.count);
  if (resume) restoreRngStates(rngs, resume.rng);
  const sampleEvery = opts.sampleEvery ?? Math.max(1, Math.floor(stepsPerEpoch / 25));
  const phaseSteps = phase.epochs * stepsPerEpoch;
  const history: EpochMetrics[] = resume ? [...resume.history] : [];
  let phaseStart = performance.now() - (resume?.seconds ?? 0) * 1000;
  let untuned = !!opts.tuner; // the first step of this phase records its shapes, then they are tuned
  const cleanN = cleanTrainSize(data.train.count, data.test.count, opts.cleanTrainMax);
  const cleanIdx = cleanN > 0 ? cleanTrainIndices(data.train.count, cleanN) : null;
  let lr = cfg.optimizer.lr;
  let lastYield = performance.now();
  let lastFlips = -Infinity;
  const onFlips = phase.labelNoise > 0 ? opts.listener?.onLabelFlips : undefined;
  const optim = makeOptimizer(cfg.optimizer);
  try {
    if (resume) await importOptimState(optim, resume.optimizer, model.trainable);
    for (let epoch = resume?.epoch ?? 0; epoch < phase.epochs; epoch++) {
      rngs.shuffle.shuffle(order);
      let epochStart = performance.now();
      let lossSum: tf.Scalar = tf.scalar(0);
      let correctSum: tf.Scalar = tf.scalar(0);
      try {
        for (let step = 1; step <= stepsPerEpoch; step++) {
          await control.checkpoint(opts.listener?.onPause);
          const global = epoch * stepsPerEpoch + step - 1;
          lr = learningRateAt(cfg.schedule, cfg.optimizer.lr, global / phaseSteps);
          optim.setLearningRate(lr);
          const b = hostBatch(data.train, order, (step - 1) * B, B, data, augment);
          if (untuned) opts.tuner!.beginModel();
          const out = trainStep(
            model,
            optim,
            cfg.optimizer.weightDecay,
            phase.recipe,
            phase.labelNoise,
            b,
            rngs,
            teacher,
          );
          if (untuned) {
            untuned = false;
            const t0 = performance.now();
            try {
              await opts.tuner!.finishModel((t) => opts.listener?.onTuning?.({ id: phase.id, ...t }));
            } catch (e) {
              tf.dispose([out.loss, out.correct]);
              throw e;
            }
            const tuning = performance.now() - t0;
            phaseStart += tuning;
            epochStart += tuning;
          }
          if (onFlips && performance.now() - lastFlips >= LABEL_FLIPS_MS) {
            lastFlips = performance.now();
            const { count, examples } = labelFlips(b.y, out.ceLabels);
            onFlips({ id: phase.id, epoch, step, rate: phase.labelNoise, batch: B, count, examples });
          }
          const nextLoss = tf.add(lossSum, out.loss) as tf.Scalar;
          const nextCorrect = tf.add(correctSum, out.correct) as tf.Scalar;
          tf.dispose([lossSum, correctSum, out.correct]);
          lossSum = nextLoss;
          correctSum = nextCorrect;
          const elapsed = (performance.now() - phaseStart) / 1000;
          const done = global + 1;
          const etaRun = onStepDone(elapsed / done);
          if (step % sampleEvery === 0 || step === stepsPerEpoch) {
            const loss = (await out.loss.data())[0];
            if (diverged(loss, data.numClasses)) {
              out.loss.dispose();
              throw new DivergedError(phase.label, epoch, step, lr);
            }
            opts.listener?.onStep?.({
              id: phase.id,
              epoch,
              step,
              stepsPerEpoch,
              progress: epoch + step / stepsPerEpoch,
              loss,
              imgPerSec: (done * B) / elapsed,
              etaPhase: ((phaseSteps - done) * elapsed) / done,
              etaRun,
              lr,
            });
          }
          out.loss.dispose();
          // Let queued messages (pause, stop) in even on backends whose reads resolve synchronously.
          if (performance.now() - lastYield > 30) {
            await yieldToEventLoop();
            lastYield = performance.now();
          }
        }
      } catch (e) {
        tf.dispose([lossSum, correctSum]);
        throw e;
      }
      const [ls, cs] = await Promise.all([lossSum.data(), correctSum.data()]);
      tf.dispose([lossSum, correctSum]);
      const trainSeconds = (performance.now() - epochStart) / 1000;
      const te = await evaluate(model, data, data.test, undefined, control);
      // Inference mode draws nothing from the phase's streams, so training goes on exactly as without it.
      const tr = cleanIdx && (await evaluate(model, data, data.train, undefined, control, cleanIdx));
      const m: EpochMetrics = {
        id: phase.id,
        epoch: epoch + 1,
        trainLoss: ls[0] / stepsPerEpoch,
        trainAcc: cs[0] / (stepsPerEpoch * B),
        testLoss: te.loss,
        testAcc: te.acc,
        ...(tr ? { cleanTrainLoss: tr.loss, cleanTrainAcc: tr.acc } : {}),
        seconds: (performance.now() - epochStart) / 1000,
        imgPerSec: (stepsPerEpoch * B) / trainSeconds,
      };
      if (diverged(m.trainLoss, data.numClasses) || !Number.isFinite(m.testLoss)) {
        throw new DivergedError(phase.label, epoch, stepsPerEpoch, lr);
      }
      history.push(m);
      opts.listener?.onEpochEnd?.(m);
      if (afterEpoch && epoch + 1 < phase.epochs) {
        await afterEpoch({
          id: phase.id,
          epoch: epoch + 1,
          history: [...history],
          optimizer: await exportOptimState(optim),
          rng: rngStates(rngs),
          order: Int32Array.from(order),
          seconds: (performance.now() - phaseStart) / 1000,
        });
      }
    }
  } finally {
    optim.dispose();
  }
  return history;
}

// One cell of a study, trained exactly as a plain run: its data (for its seed), its teachers from the cache
// (their key holds the seed, so only cells that share a seed and teacher settings share one), the lab taken
// over (it holds this cell's models, the previous cell's are disposed), the phase events, and a checkpoint
// after every epoch. A resumed cell first replays its finished phases.
import type { ExperimentConfig } from '../core/config/schema';
import { loadDataset } from '../core/data/load';
import type { Dataset } from '../core/data/types';
import type { RunControl } from '../core/train/control';
import type { StepSample } from '../core/train/events';
import type { PlannedPhase } from '../core/train/plan';
import { phaseInfo, planPhases, runExperiment, type RunCheckpoint, type RunOutput } from '../core/train/trainer';
import { realData } from './data';
import type { WorkerEnv } from './env';
import type { ModelLab } from './modelLab';
import type { BackendInfo, WorkerEvent } from './protocol';
import type { Tuner } from '../core/nn/tune/autotuner';
import { postTuning } from './tuning';
import { coded } from './runErrors';
import type { NoiseFeed } from './noiseFeed';
import { PredictionFeed } from './predictionFeed';
import type { Batcher } from './throttle';

/** What every part of a run posts through: its id, its controls, its batched step samples. */
export interface RunIo {
  id: number;
  post: (e: WorkerEvent) => void;
  notice: (level: 'info' | 'warning', message: string) => void;
  control: RunControl;
  /** Step-by-step mode: pause after every epoch. */
  stepMode: boolean;
  steps: Batcher<StepSample>;
  /** Flushes the steps and says `paused` (the run waits in control.checkpoint). */
  onPause: () => void;
  /** The noise panel's feed (computes only while the panel is open). */
  noise: NoiseFeed;
  /** The device's autotuner and the backend whose details list its choices (none: the ops' prior rules). */
  tuning?: { tuner: Tuner; backend: BackendInfo };
}

export interface TrainedCell {
  data: Dataset;
  out: RunOutput;
  teachers: PlannedPhase[];
  /** Teacher ids trained here (not reused): the ones to write to the cache. */
  trained: Set<string>;
}

export interface CellHooks {
  /** The data is loaded and the lab taken over, before any phase event: the study announces the cell here. */
  beforeTraining: (data: Dataset, fromDisk: string[]) => void;
  onCheckpoint: (cp: RunCheckpoint) => Promise<void>;
}

export async function trainCell(
  io: RunIo,
  env: WorkerEnv,
  lab: ModelLab,
  cfg: ExperimentConfig,
  resume: RunCheckpoint | null,
  hooks: CellHooks,
): Promise<TrainedCell> {
  const { id, post, control, steps, noise } = io;
  const data = await loadDataset(
    cfg.data,
    cfg.seed,
    env.fetchAsset,
    async (ds) => (await realData(ds, (progress) => post({ type: 'data-progress', id, progress }))).data,
  ).catch(coded('data'));
  const teachers = planPhases(cfg).filter((p) => p.kind === 'teacher');
  const { reuse, fromDisk } = await lab.teachers.find(cfg, teachers, data);
  const models = await lab.beginRun(data, reuse);
  hooks.beforeTraining(data, fromDisk);
  if (resume) replayFinished(io, lab, resume);
  noise.begin(id, cfg, data, models);
  const predictions = new PredictionFeed(id, cfg, data, models, post);
  const out = await runExperiment(cfg, data, {
    control,
    reuse,
    keepTeachers: true, // the lab attacks them, and so does the robust evaluation
    models,
    resumeFrom: resume ?? undefined,
    onCheckpoint: hooks.onCheckpoint,
    tuner: io.tuning?.tuner,
    listener: {
      onTuning: (t) => io.tuning && postTuning(id, io.tuning.backend, io.tuning.tuner, t, post),
      onPhaseStart: (phase) => {
        lab.setLabel(phase.id, phase.label, phase.kind);
        predictions.phase(phase);
        steps.flush();
        post({ type: 'phase', id, phase });
        // A resumed phase continues after its finished epochs: show those first.
        if (phase.resumed && resume?.current)
          for (const metrics of resume.current.history) post({ type: 'epoch', id, metrics });
        noise.phase(phase);
      },
      onStep: (s) => {
        steps.push(s);
        noise.step(s);
      },
      onLabelFlips: (f) => noise.flips(f),
      onEpochEnd: (metrics) => {
        steps.flush();
        post({ type: 'epoch', id, metrics });
        predictions.epoch(metrics);
        if (io.stepMode) control.pause(); // takes effect at the next step: the epoch's metrics are already out
      },
      onPhaseEnd: (result) => {
        steps.flush();
        post({ type: 'phaseEnd', id, result });
      },
      onPause: io.onPause,
    },
  })
    .catch((e: unknown) => {
      predictions.drop();
      lab.endRun(null); // the trainer disposed the models of a failed or stopped cell
      throw e;
    })
    .finally(() => noise.end());
  await predictions.settled();
  lab.endRun(out.models);
  steps.flush();
  return { data, out, teachers, trained: new Set(teachers.filter((t) => !reuse.has(t.id)).map((t) => t.id)) };
}

/** Finished phases of a resumed cell, replayed so the UI shows their curves and results again. */
function replayFinished(io: RunIo, lab: ModelLab, cp: RunCheckpoint): void {
  const planned = planPhases(cp.config);
  cp.results.forEach((r, index) => {
    const at = { index, total: planned.length, stepsPerEpoch: cp.stepsPerEpoch, params: r.params };
    const phase = planned[index] ? phaseInfo(planned[index], at) : null;
    lab.setLabel(r.id, r.label, r.kind);
    if (phase) io.post({ type: 'phase', id: io.id, phase });
    for (const metrics of r.history) io.post({ type: 'epoch', id: io.id, metrics });
    io.post({ type: 'phaseEnd', id: io.id, result: r });
  });
}

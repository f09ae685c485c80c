// The run owner: one training run at a time (start, pause/resume/stop, step mode), its checkpoints after every
// epoch, and the resume of an interrupted run. Models go to the lab phase by phase, so a paused run can be attacked.
import * as tf from '@tensorflow/tfjs-core';
import { validateConfig } from '../core/config/validate';
import { loadDataset } from '../core/data/load';
import type { Dataset } from '../core/data/types';
import { RunControl, StoppedError } from '../core/train/control';
import type { StepSample } from '../core/train/events';
import { guardRun } from '../core/train/resources';
import { DivergedError, phaseInfo, planPhases, runExperiment, type RunCheckpoint } from '../core/train/trainer';
import { deleteCheckpoint, saveCheckpoint, type StoredCheckpoint } from '../storage/checkpoints';
import type { BackendOwner } from './backendOwner';
import { realData } from './data';
import type { WorkerEnv } from './env';
import type { ModelLab, RunState } from './modelLab';
import { InterruptedRuns, newRunKey } from './interrupted';
import type { ErrorCode, WorkerEvent } from './protocol';
import { runLockName } from './runLocks';
import { Batcher } from './throttle';

type Coded = Error & { code?: ErrorCode };
const coded = (code: ErrorCode) => (e: unknown) => {
  throw Object.assign(e as Error, { code });
};

export class RunOwner {
  private control: RunControl | null = null;
  /** The id of the start command of the current run: every event of a run carries it. */
  private runId = 0;
  /** The key of the current run: its checkpoint record and its lock (null between runs). */
  private runKey: string | null = null;
  readonly interrupted: InterruptedRuns;
  /** Backend changes and run starts are serialised: a second init must not race the first. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly env: WorkerEnv,
    private readonly backends: BackendOwner,
    private readonly lab: ModelLab,
  ) {
    this.interrupted = new InterruptedRuns(env, () => this.runKey);
  }

  get state(): RunState {
    return !this.control ? 'idle' : this.control.isPaused ? 'paused' : 'training';
  }

  /** Runs a task after the ones before it (backend init, model import, runs). */
  serial(task: () => Promise<void>): void {
    this.queue = this.queue.then(task, task);
  }

  /** Refuses a second run while one is in progress (answering the command's id); true when refused. */
  private busy(id: number): boolean {
    if (this.state === 'idle') return false;
    this.env.post({ type: 'error', id, code: 'internal', message: 'A run is already in progress; stop it first.' });
    return true;
  }

  start(id: number, config: unknown, stepMode = false): void {
    if (!this.busy(id)) this.serial(() => this.run(id, config, stepMode, null));
  }

  /** Continues an interrupted run once this tab holds its lock (another tab may be training it). */
  resumeRun(id: number, runKey?: string): void {
    if (this.busy(id)) return;
    this.serial(async () => {
      const claim = await this.interrupted.claim(runKey);
      if ('error' in claim) {
        this.env.post({ type: 'error', id, code: 'internal', message: claim.error });
        return;
      }
      await this.run(id, claim.stored.checkpoint.config, claim.stored.stepMode, claim.stored, claim.release);
    });
  }

  pause(): void {
    this.control?.pause();
  }

  resume(): void {
    if (!this.control?.isPaused) return;
    this.control.resume();
    this.env.post({ type: 'resumed', id: this.runId });
  }

  stop(): void {
    this.control?.stop();
  }

  private async run(
    id: number,
    input: unknown,
    stepMode: boolean,
    stored: StoredCheckpoint | null,
    heldLock?: () => void,
    /** Set when this continues a run whose device was lost: its key, and what to tell the user. */
    recovery?: { runKey: string; lost: string; backend: string },
  ): Promise<void> {
    if (this.busy(id)) return heldLock?.(); // a start queued behind another start
    const v = validateConfig(input);
    if (!v.ok) {
      heldLock?.();
      this.env.post({ type: 'invalid', id, errors: v.errors });
      return;
    }
    const cfg = v.config;
    const resume: RunCheckpoint | null = stored?.checkpoint ?? null;
    // A fresh run gets a new key and lock (free by construction); a resumed one keeps its record's.
    const runKey = stored?.runKey ?? recovery?.runKey ?? newRunKey();
    const release = heldLock ?? (await this.env.locks.tryHold(runLockName(runKey))) ?? (() => undefined);
    this.runKey = runKey;
    const post = this.env.post;
    const control = (this.control = new RunControl());
    this.runId = id;
    const steps = new Batcher<StepSample>((samples) => post({ type: 'steps', id, samples }));
    const notice = (level: 'info' | 'warning', message: string) => post({ type: 'notice', id, level, message });
    let checkpointNote = false;
    // Device loss: the run stops at the next step and continues on the next backend from its last checkpoint
    // (kept here too, so a storage failure loses nothing either).
    let last: RunCheckpoint | null = resume;
    let lost: string | null = null;
    let settled = false;
    let retry = false;
    let backendName = '';
    try {
      const be = await this.backends.ensure(id, cfg.backend).catch(coded('backend'));
      backendName = be.name;
      // Before anything is allocated: a run this device cannot hold is refused with figures.
      const guard = guardRun(cfg, be.name, null, (globalThis.navigator as { deviceMemory?: number })?.deviceMemory);
      if (guard.verdict === 'refuse') throw Object.assign(new Error(guard.message), { code: 'resources' });
      void this.backends.watchLoss(be).then((reason) => {
        if (settled) return;
        lost = reason;
        control.stop();
      });
      if (recovery) {
        const where = resume ? `its last finished epoch (${resumeWhere(resume)})` : 'the start';
        notice(
          'warning',
          `The ${recovery.backend} device was lost (${recovery.lost}): continuing on ${be.name} from ${where}. Nothing finished is lost.`,
        );
      }
      const data = await loadDataset(
        cfg.data,
        cfg.seed,
        this.env.fetchAsset,
        async (ds) => (await realData(ds, (progress) => post({ type: 'data-progress', id, progress }))).data,
      ).catch(coded('data'));
      const planned = planPhases(cfg).filter((p) => p.kind === 'teacher');
      const { reuse, fromDisk } = await this.lab.teachers.find(cfg, planned, data);
      const models = await this.lab.beginRun(data, reuse);
      post({ type: 'started', id, config: cfg, dataset: summary(data) });
      if (fromDisk.length && !resume)
        notice('info', `Teacher loaded from this browser's cache: its training is skipped (${fromDisk.join(', ')}).`);
      if (resume) this.replayFinished(id, resume);
      const out = await runExperiment(cfg, data, {
        control,
        reuse,
        keepTeachers: true,
        models,
        resumeFrom: resume ?? undefined,
        onCheckpoint: async (checkpoint) => {
          last = checkpoint;
          const r = await saveCheckpoint({ runKey, savedAt: Date.now(), stepMode, checkpoint });
          if (!r.ok && !checkpointNote) {
            checkpointNote = true;
            notice('warning', `Progress is not being saved (${r.reason}): a reload will lose this run.`);
          }
        },
        listener: {
          onPhaseStart: (phase) => {
            this.lab.setLabel(phase.id, phase.label, phase.kind);
            steps.flush();
            post({ type: 'phase', id, phase });
            // A resumed phase continues after its finished epochs: show those first.
            if (phase.resumed && resume?.current)
              for (const metrics of resume.current.history) post({ type: 'epoch', id, metrics });
          },
          onStep: (s) => steps.push(s),
          onEpochEnd: (metrics) => {
            steps.flush();
            post({ type: 'epoch', id, metrics });
            if (stepMode) control.pause(); // takes effect at the next step: the epoch's metrics are already out
          },
          onPhaseEnd: (result) => {
            steps.flush();
            post({ type: 'phaseEnd', id, result });
          },
          onPause: () => {
            steps.flush();
            post({ type: 'paused', id });
          },
        },
      });
      this.lab.endRun(out.models);
      steps.flush();
      this.control = null; // the models are final: the lab may attack them while the cache writes below finish
      post({ type: 'done', id, results: out.results, seconds: out.seconds, backend: be });
      await deleteCheckpoint(runKey);
      const trained = new Set(planned.filter((t) => !reuse.has(t.id)).map((t) => t.id));
      const why = await this.lab.teachers.remember(cfg, planned, data, out.models, trained);
      if (why) notice('warning', `The trained teacher is kept for this tab only (${why}).`);
    } catch (e) {
      steps.flush();
      this.lab.endRun(null);
      retry = lost !== null; // continued below, after this attempt has let go of its state
      if (!retry) {
        await deleteCheckpoint(runKey); // stopped on purpose or failed: nothing to resume
        post(endOf(id, e));
      }
    } finally {
      settled = true;
      this.control = null;
      this.runKey = null;
      // After the record is gone: another tab must never see it as interrupted while it is deleted. A run that
      // continues after a device loss keeps its lock.
      if (!retry) release();
      // Engine memory stays bounded across runs: report leaks loudly in development.
      if (import.meta.env.DEV) console.debug('[worker] tensors after run:', tf.memory().numTensors);
    }
    if (retry) {
      const from: StoredCheckpoint | null = last ? { runKey, savedAt: Date.now(), stepMode, checkpoint: last } : null;
      await this.run(id, cfg, stepMode, from, release, { runKey, lost: lost ?? 'unknown', backend: backendName });
    }
  }

  /** Finished phases of a resumed run, replayed so the UI shows their curves and results again. */
  private replayFinished(id: number, cp: RunCheckpoint): void {
    const planned = planPhases(cp.config);
    cp.results.forEach((r, index) => {
      const at = { index, total: planned.length, stepsPerEpoch: cp.stepsPerEpoch, params: r.params };
      const phase = planned[index] ? phaseInfo(planned[index], at) : null;
      this.lab.setLabel(r.id, r.label, r.kind);
      if (phase) this.env.post({ type: 'phase', id, phase });
      for (const metrics of r.history) this.env.post({ type: 'epoch', id, metrics });
      this.env.post({ type: 'phaseEnd', id, result: r });
    });
  }
}

/** The event that ends a run that threw. */
function endOf(id: number, e: unknown): WorkerEvent {
  if (e instanceof StoppedError) return { type: 'stopped', id };
  if (e instanceof DivergedError) return { type: 'error', id, code: 'diverged', message: e.message };
  return { type: 'error', id, code: (e as Coded).code ?? 'internal', message: (e as Error).message || String(e) };
}

function summary(data: Dataset) {
  return {
    name: data.name,
    shape: [data.height, data.width, data.channels] as [number, number, number],
    numClasses: data.numClasses,
    train: data.train.count,
    test: data.test.count,
  };
}

/** "Hinton KD, epoch 2" for the device-loss notice. */
function resumeWhere(cp: RunCheckpoint): string {
  const p = planPhases(cp.config)[cp.phase];
  return p ? `${p.label}, epoch ${cp.current?.epoch ?? 0}` : 'the last phase';
}

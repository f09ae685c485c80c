// The run owner: one training run (a study of one or more cells, studyRun.ts) at a time: start, pause/resume/stop,
// step mode, its checkpoint record, the resume of an interrupted run and the continuation after a device loss.
import * as tf from '@tensorflow/tfjs-core';
import { validateConfig } from '../core/config/validate';
import { checkStudy, studyCells, studyOf } from '../core/study';
import { RunControl } from '../core/train/control';
import type { StepSample } from '../core/train/events';
import { guardRun } from '../core/train/resources';
import { planPhases } from '../core/train/trainer';
import { deleteCheckpoint, saveCheckpoint, type StoredCheckpoint } from '../storage/checkpoints';
import type { BackendOwner } from './backendOwner';
import type { RunIo } from './cellTrain';
import type { WorkerEnv } from './env';
import type { ModelLab, RunState } from './modelLab';
import { InterruptedRuns, newRunKey } from './interrupted';
import { NoiseFeed } from './noiseFeed';
import { coded, codedError, endOf } from './runErrors';
import { runLockName } from './runLocks';
import { runStudy } from './studyRun';
import { Batcher } from './throttle';
import { Tuners } from './tuning';

export class RunOwner {
  private control: RunControl | null = null;
  private delayMs = 0;
  /** The id of the start command of the current run: every event of a run carries it. */
  private runId = 0;
  /** The key of the current run: its checkpoint record and its lock (null between runs). */
  private runKey: string | null = null;
  readonly interrupted: InterruptedRuns;
  /** The noise panel's views of the run's models (its subscription outlives runs). */
  readonly noise: NoiseFeed;
  /** Backend changes and run starts are serialised: a second init must not race the first. */
  private queue: Promise<void> = Promise.resolve();
  private readonly tuners: Tuners;

  constructor(
    private readonly env: WorkerEnv,
    private readonly backends: BackendOwner,
    private readonly lab: ModelLab,
  ) {
    this.interrupted = new InterruptedRuns(env, () => this.runKey);
    this.tuners = new Tuners(env.tuneCache);
    this.noise = new NoiseFeed(env.post);
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
      const stored = claim.stored;
      await this.run(id, stored.study?.base ?? stored.checkpoint.config, stored.stepMode, stored, claim.release);
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

  /** From a pause: one more step (one batch), then paused again. */
  stepOnce(): void {
    if (!this.control?.isPaused) return;
    this.control.stepOnce();
    this.env.post({ type: 'resumed', id: this.runId });
  }

  /** Slow motion: a wait before every step, for this run and the next ones (0 = full speed). */
  setSpeed(delayMs: number): void {
    this.delayMs = delayMs;
    this.control?.setDelay(delayMs);
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
    // Every cell's config is checked before anything trains (a sweep value a field refuses, a sweep that changes
    // nothing).
    const bad = checkStudy(cfg, studyOf(cfg));
    if (bad) {
      heldLock?.();
      this.env.post({ type: 'error', id, code: 'invalid-config', message: bad });
      return;
    }
    // A fresh run gets a new key and lock (free by construction); a resumed one keeps its record's.
    const runKey = stored?.runKey ?? recovery?.runKey ?? newRunKey();
    const release = heldLock ?? (await this.env.locks.tryHold(runLockName(runKey))) ?? (() => undefined);
    this.runKey = runKey;
    const post = this.env.post;
    const control = (this.control = new RunControl());
    control.setDelay(this.delayMs);
    this.runId = id;
    const steps = new Batcher<StepSample>((samples) => post({ type: 'steps', id, samples }));
    const notice = (level: 'info' | 'warning', message: string) => post({ type: 'notice', id, level, message });
    const onPause = () => {
      steps.flush();
      post({ type: 'paused', id });
    };
    const io: RunIo = { id, post, notice, control, stepMode, steps, onPause, noise: this.noise };
    let checkpointNote = false;
    // Device loss: the run stops at the next step and continues on the next backend from its last record (kept
    // here too, so a storage failure loses nothing either), with the study's finished cells.
    let last: StoredCheckpoint | null = stored;
    let lost: string | null = null;
    let settled = false;
    let retry = false;
    let backendName = '';
    try {
      const be = await this.backends.ensure(id, cfg.backend).catch(coded('backend'));
      backendName = be.name;
      // Before anything is allocated: a run this device cannot hold is refused with figures.
      const guard = guardRun(cfg, be.name, null, (globalThis.navigator as { deviceMemory?: number })?.deviceMemory);
      if (guard.verdict === 'refuse') throw codedError('resources', guard.message);
      void this.backends.watchLoss(be).then((reason) => {
        if (settled) return;
        lost = reason;
        control.stop();
      });
      const tuner = this.tuners.for(be);
      if (tuner) io.tuning = { tuner, backend: be };
      if (recovery) {
        const where = stored ? `its last finished epoch (${resumeWhere(stored)})` : 'the start';
        notice(
          'warning',
          `The ${recovery.backend} device was lost (${recovery.lost}): continuing on ${be.name} from ${where}. Nothing finished is lost.`,
        );
      }
      await runStudy(io, this.env, this.lab, cfg, stored, {
        save: async (checkpoint, study) => {
          last = { runKey, savedAt: Date.now(), stepMode, checkpoint, study };
          const r = await saveCheckpoint(last);
          if (!r.ok && !checkpointNote) {
            checkpointNote = true;
            notice('warning', `Progress is not being saved (${r.reason}): a reload will lose this run.`);
          }
        },
        finished: async (results, seconds) => {
          this.control = null; // the models are final: the lab may attack them while the cache writes finish
          post({ type: 'done', id, results, seconds, backend: be });
          await deleteCheckpoint(runKey);
        },
      });
    } catch (e) {
      steps.flush();
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
      const from = last ? { ...last, savedAt: Date.now() } : null;
      await this.run(id, cfg, stepMode, from, release, { runKey, lost: lost ?? 'unknown', backend: backendName });
    }
  }
}

/** "cell 2 of 3, Hinton KD, epoch 2" for the device-loss notice. */
function resumeWhere(s: StoredCheckpoint): string {
  const cp = s.checkpoint;
  const p = planPhases(cp.config)[cp.phase];
  const at = p ? `${p.label}, epoch ${cp.current?.epoch ?? 0}` : 'the last phase';
  const of = s.study ? studyCells(studyOf(s.study.base)).length : 1;
  return s.study && of > 1 ? `cell ${s.study.cell + 1} of ${of}, ${at}` : at;
}

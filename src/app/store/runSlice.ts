// The run: backend, status, current phase and the latest step sample. Commands go to the worker client.
import type { BackendPreference, ExperimentConfig } from '../../core/config/schema';
import { validateConfig } from '../../core/config/validate';
import type { PhaseInfo, StepSample } from '../../core/train/events';
import type { BackendInfo, DatasetSummary, ErrorCode } from '../../worker/protocol';
import { planPhases as planModels, type PlannedPhase as PlannedModel } from '../../core/train/plan';
import { getClient } from './client';
import { hasStudyErrors } from './configSlice';
import type { RunStatus, SliceCreator, Store } from './types';

/** How long Train waits for a backend answer before it stops waiting (the worker has its own timeouts). */
const BACKEND_WAIT_MS = 30_000;

export interface RunError {
  code: ErrorCode;
  message: string;
}

export interface RunSlice {
  status: RunStatus;
  runId: number | null;
  pauseRequested: boolean;
  stopRequested: boolean;

  backend: BackendInfo | null;
  backendPending: boolean;
  /** The run's autotuner is timing formulations for this device (a second or two before a model's second step). */
  tuning: boolean;
  initId: number | null;
  /** The preference the worker was last asked for, and one queued while an init is still answering. */
  sentPref: BackendPreference | null;
  queuedPref: BackendPreference | null;

  runConfig: ExperimentConfig | null;
  dataset: DatasetSummary | null;
  plan: PlannedModel[];
  phases: Record<string, PhaseInfo>;
  currentPhase: PhaseInfo | null;
  lastSample: StepSample | null;
  runError: RunError | null;
  /** Date.now() when the current (or last) run was started: how long a run has gone, for Reset's confirmation. */
  runStartedAt: number | null;
  /** Reset asked while a run was going: the view is cleared once the worker has stopped it. */
  resetPending: boolean;

  initBackend(pref: BackendPreference): void;
  backendSettled(): void;
  train(): void;
  pause(): void;
  resume(): void;
  /** While paused: one step (one batch), then paused again. */
  stepOnce(): void;
  /** Slow motion for a demo: a wait before every step, sent to the worker (kept for the next runs too). */
  stepDelayMs: number;
  setStepDelay(ms: number): void;
  stop(): void;
  /** The live view of a run (curves, progress, results, study, noise) cleared; the config and history stay. */
  clearRunView(): void;
  /**
   * Back to epoch 0: stops a run in progress (the view is cleared when it has stopped), then clears the view and
   * returns to idle. The config is kept, so the next Train starts from the same initial weights: the seed fixes
   * them (core/train/determinism.test.ts; e2e/playground.spec.ts trains, resets and trains again).
   */
  resetRun(): void;
  /** After the worker ended the run: a pending reset now clears the view (events.ts, after the run is recorded). */
  settleReset(): void;
  dismissError(): void;
  /** Continue the interrupted run the worker has a checkpoint of (persistSlice.resumeInfo). */
  resumeFromCheckpoint(): void;
  /** Step-by-step mode: the worker pauses after every epoch. */
  stepMode: boolean;
  setStepMode(on: boolean): void;
}

export const isActive = (s: RunStatus) => s === 'starting' || s === 'running' || s === 'paused';

let backendTimer: ReturnType<typeof setTimeout> | null = null;

export const createRunSlice: SliceCreator<RunSlice> = (set, get) => {
  const beginRun = (config: ExperimentConfig) => beginRunWith(get, set, config);
  return {
    status: 'idle',
    runId: null,
    pauseRequested: false,
    stopRequested: false,
    backend: null,
    backendPending: false,
    tuning: false,
    initId: null,
    sentPref: null,
    queuedPref: null,
    runConfig: null,
    dataset: null,
    plan: [],
    phases: {},
    currentPhase: null,
    lastSample: null,
    runError: null,
    runStartedAt: null,
    resetPending: false,

    initBackend: (pref) => {
      const s = get();
      if (isActive(s.status)) return; // a run brings its own backend
      if (s.backendPending) {
        // One backend switch at a time: the worker's selection is not re-entrant.
        set({ queuedPref: pref === s.sentPref ? null : pref });
        return;
      }
      if (pref === s.sentPref && s.backend) return;
      let id: number;
      try {
        id = getClient().init(pref);
      } catch (e) {
        set({ runError: { code: 'backend', message: `could not start the training worker: ${(e as Error).message}` } });
        return;
      }
      set({ backendPending: true, initId: id, sentPref: pref, queuedPref: null });
      if (backendTimer) clearTimeout(backendTimer);
      backendTimer = setTimeout(() => get().backendSettled(), BACKEND_WAIT_MS);
    },

    backendSettled: () => {
      if (backendTimer) clearTimeout(backendTimer);
      backendTimer = null;
      const queued = get().queuedPref;
      set({ backendPending: false, initId: null, queuedPref: null });
      if (queued && queued !== get().sentPref) get().initBackend(queued);
    },

    train: () => {
      const s = get();
      if (isActive(s.status) || s.backendPending || s.jsonErrors.length || hasStudyErrors(s)) return;
      const v = validateConfig(s.draft);
      if (!v.ok) return;
      beginRun(v.config);
      try {
        if (s.stepDelayMs) getClient().setSpeed(s.stepDelayMs); // a worker started since keeps nothing
        set({ runId: getClient().start(v.config, { stepMode: s.stepMode }) });
      } catch (e) {
        set({
          status: 'error',
          runError: { code: 'internal', message: `could not start the training worker: ${(e as Error).message}` },
        });
      }
    },

    pause: () => {
      const s = get();
      if (s.status !== 'running' || s.pauseRequested || s.stopRequested) return;
      getClient().pause();
      set({ pauseRequested: true });
    },

    resume: () => {
      if (get().status !== 'paused' || get().stopRequested) return;
      getClient().resume();
    },

    stepOnce: () => {
      const s = get();
      if (s.status !== 'paused' || s.stopRequested) return;
      getClient().stepOnce();
    },

    stepDelayMs: 0,
    setStepDelay: (ms) => {
      set({ stepDelayMs: ms });
      try {
        getClient().setSpeed(ms);
      } catch {
        // No worker yet: the next run starts with the delay below.
      }
    },

    stop: () => {
      const s = get();
      if (!isActive(s.status) || s.stopRequested) return;
      getClient().stop();
      set({ stopRequested: true });
    },

    clearRunView: () => {
      get().clearResults();
      get().clearStudy();
      get().clearNoise();
      set({ phases: {}, currentPhase: null, lastSample: null, dataset: null, runError: null });
    },

    resetRun: () => {
      const s = get();
      if (isActive(s.status)) {
        set({ resetPending: true });
        s.stop(); // the 'stopped' event records the run, then settleReset clears the view
        return;
      }
      s.clearRunView();
      set({ status: 'idle', runId: null, runConfig: null, plan: [], runStartedAt: null, resetPending: false });
    },

    settleReset: () => {
      if (!get().resetPending) return;
      set({ resetPending: false });
      get().resetRun();
    },

    dismissError: () => set({ runError: null }),

    resumeFromCheckpoint: () => {
      const s = get();
      const info = s.resumeInfo;
      if (isActive(s.status) || s.backendPending || !info) return;
      beginRun(info.config);
      set({ resumeInfo: null, stepMode: info.stepMode });
      set({ runId: getClient().resumeRun(info.runKey) });
    },

    stepMode: false,
    setStepMode: (on) => set({ stepMode: on }),
  };
};

/** The store reset shared by a new run and a resumed one (the worker replays a resumed run's finished phases). */
function beginRunWith(get: () => Store, set: (p: Partial<Store>) => void, config: ExperimentConfig): void {
  get().clearRunView();
  set({
    status: 'starting',
    runConfig: config,
    plan: planModels(config),
    runStartedAt: Date.now(),
    resetPending: false,
    serverErrors: [],
    pauseRequested: false,
    stopRequested: false,
    sentPref: config.backend,
  });
}

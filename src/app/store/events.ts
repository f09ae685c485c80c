// Worker events → store updates. Run events carry the id of the `start` command; stale ones are ignored.
import { newRunId } from '../../storage/runs';
import type { WorkerEvent } from '../../worker/protocol';
import { APP_VERSION } from '../lib/version';
import type { Store } from './types';
import { isActive } from './runSlice';

type Get = () => Store;
type Set = (partial: Partial<Store>) => void;

export function handleWorkerEvent(e: WorkerEvent, get: Get, set: Set): void {
  const s = get();
  const current = e.id === s.runId;
  switch (e.type) {
    case 'hello':
      return; // the client's start-up watchdog
    case 'attack-progress':
    case 'attack-gallery':
    case 'attack-sweep':
    case 'corruptions':
    case 'corruption-preview':
    case 'attack-stopped':
    case 'attack-error':
      s.applyAttackEvent(e); // matched to the lab's own request ids
      return;
    case 'resume-info':
    case 'notice':
    case 'model-file':
    case 'models-imported':
      s.applyPersistEvent(e);
      return;
    case 'data-catalog':
      set({ catalog: e.catalog });
      return;
    case 'speed':
      s.applySpeedEvent(e);
      return;
    case 'data-progress':
      // A run loading its data shows the same bar as the data panel's own load.
      if (e.id === s.dataRequestId || current) set({ dataProgress: e.progress });
      return;
    case 'data-loaded':
      // An import that worked clears an earlier import's failure; a plain load leaves it for the user.
      if (e.id === s.dataRequestId)
        set({ dataInfo: e.info, dataProgress: null, importing: false, ...(s.importing ? { importError: null } : {}) });
      return;
    case 'data-error':
      if (e.id !== s.dataRequestId) return;
      set({
        ...(e.dataset === 'import'
          ? { importError: e.message }
          : { dataError: { dataset: e.dataset, message: e.message } }),
        dataProgress: null,
        importing: false,
      });
      return;
    case 'tuning':
      if (!current) return;
      set({
        tuning: e.state === 'tuning',
        ...(s.backend && e.tuned.length ? { backend: { ...s.backend, tuned: e.tuned } } : {}),
      });
      return;
    case 'ready':
      set({ backend: e.backend, speedProbe: null });
      void s.loadSpeedFor(e.backend);
      if (e.id === s.initId || s.backendPending) s.backendSettled();
      return;
    case 'error': {
      if (e.id === s.initId) s.backendSettled();
      if (!current && isActive(s.status)) return; // about an older command while a run is going
      set({
        status: 'error',
        tuning: false,
        runError: { code: e.code, message: e.message },
        pauseRequested: false,
        stopRequested: false,
      });
      syncBackend(get);
      get().settleReset();
      return;
    }
  }
  // 'resumed' answers the resume command (its own id); the rest carry the id of the run's start command.
  const control = (e.type === 'paused' || e.type === 'resumed' || e.type === 'stopped') && isActive(s.status);
  if (!current && !control) return;
  switch (e.type) {
    case 'invalid':
      set({ status: 'idle', serverErrors: e.errors, runConfig: null, plan: [] });
      break;
    case 'started':
      set({
        status: s.status === 'starting' ? 'running' : s.status,
        runConfig: e.config,
        dataset: e.dataset,
        dataProgress: s.importing ? s.dataProgress : null, // the run's data is loaded
        importedModels: [], // the worker starts the lab's model set afresh with each run
      });
      s.resetAttackLab(e.config, e.dataset); // the lab's results were about the previous run's models
      break;
    case 'cell':
      // The live charts, chips and step read-out follow the cell in progress: the previous cell's series go (its
      // results stay in cellOutcomes).
      s.clearResults();
      s.clearNoise();
      s.beginCell(e.cell, e.of);
      set({ phases: {}, currentPhase: null, lastSample: null });
      break;
    case 'robust-progress':
      s.addRobustProgress(e);
      break;
    case 'cell-done':
      s.addCellOutcome(e.outcome);
      break;
    case 'phase':
      set({
        currentPhase: e.phase,
        phases: { ...s.phases, [e.phase.id]: e.phase },
        status: s.status === 'starting' ? 'running' : s.status,
      });
      break;
    case 'steps':
      s.addSteps(e.samples);
      set({ lastSample: e.samples[e.samples.length - 1] ?? s.lastSample });
      break;
    case 'epoch':
      s.addEpoch(e.metrics);
      break;
    case 'phaseEnd':
      s.addResult(e.result);
      break;
    case 'noise-view':
    case 'predictions':
      s.applyNoiseEvent(e);
      break;
    case 'paused':
      set({ status: 'paused', pauseRequested: false });
      break;
    case 'resumed':
      set({ status: 'running', pauseRequested: false });
      break;
    case 'stopped':
      set({ status: 'stopped', pauseRequested: false, stopRequested: false, tuning: false });
      record(get, 'stopped', null);
      syncBackend(get);
      get().settleReset(); // a Reset that stopped the run clears its view now that it is recorded
      break;
    case 'done':
      s.finishResults(e.results, e.seconds, e.backend);
      set({
        status: 'done',
        backend: e.backend,
        currentPhase: null,
        pauseRequested: false,
        stopRequested: false,
        tuning: false,
      });
      record(get, 'done', e.seconds);
      syncBackend(get);
      get().settleReset(); // the run finished before a Reset's stop reached it
      break;
  }
}

/** Every finished or stopped run goes into the history (IndexedDB); a storage failure becomes a notice. */
function record(get: Get, status: 'done' | 'stopped', seconds: number | null): void {
  const s = get();
  if (!s.runConfig) return;
  void s.recordRun({
    id: newRunId(),
    savedAt: Date.now(),
    appVersion: APP_VERSION,
    config: s.runConfig,
    backend: { name: s.backend?.name ?? 'unknown', adapter: s.backend?.adapter ?? '' },
    status,
    seconds: seconds ?? s.results.reduce((n, r) => n + r.seconds, 0),
    results: s.results,
    cells: s.cellOutcomes,
  });
}

/** After a run, follow a backend preference that changed while it ran. */
function syncBackend(get: Get): void {
  const s = get();
  if (s.sentPref !== null && s.draft.backend !== s.sentPref) s.initBackend(s.draft.backend);
}

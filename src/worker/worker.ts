// The training worker: owns tfjs and every tensor, runs the core engine, streams events to the UI.
/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { DataSpec, ExperimentConfig } from '../core/config/schema';
import { validateConfig } from '../core/config/validate';
import { loadDataset } from '../core/data/load';
import type { Dataset } from '../core/data/types';
import type { Model } from '../core/nn/model';
import { RunControl, StoppedError } from '../core/train/control';
import type { StepSample } from '../core/train/events';
import {
  checkpointBytes,
  DivergedError,
  inputInfo as inputInfoOf,
  planPhases,
  runExperiment,
  type RunCheckpoint,
} from '../core/train/trainer';
import type { PhaseInfo } from '../core/train/events';
import { decodeModelFile, encodeModelFile, loadModel, saveModel } from '../core/nn/serialize';
import { deleteCheckpoint, loadCheckpoint, saveCheckpoint } from '../storage/checkpoints';
import type { ModelRef } from './attackProtocol';
import { selectBackend } from './backend';
import { runAttackCommand, type Lab } from './attacks';
import { TeacherCache } from './teachers';
import { fetchAsset } from './assets';
import { realData } from './data';
import { dataCommand } from './dataCommands';
import type { BackendInfo, Command, ResumeInfo, WorkerEvent } from './protocol';
import { Batcher } from './throttle';

declare const self: DedicatedWorkerGlobalScope;

const post = (e: WorkerEvent) => self.postMessage(e);
let backend: BackendInfo | null = null;
let backendPref: string | null = null;
let control: RunControl | null = null;
let running = false;
/** The id of the start command of the current run: every event of a run carries it. */
let runId = 0;
/** Backend changes and run starts are serialised: a second init must not race the first. */
let queue: Promise<void> = Promise.resolve();
const serial = (task: () => Promise<void>) => (queue = queue.then(task, task));
let models = new Map<string, Model>();
/** Trained teachers by everything that determines them, so a new set of students skips teacher training. */
const teachers = new TeacherCache();
/** The data set of the last run, and its models' labels: what the attack lab works on. */
let labData: Dataset | null = null;
const modelLabels = new Map<string, { label: string; kind: 'teacher' | 'student' }>();
/** Attack-lab commands run one at a time; a new run waits for the current one to stop. */
let attackQueue: Promise<void> = Promise.resolve();
let attackStop = false;

async function ensureBackend(id: number, pref: ExperimentConfig['backend']): Promise<BackendInfo> {
  if (backend && backendPref === pref) return backend;
  disposeModels(); // tensors belong to one backend: dispose before switching
  backend = await selectBackend(pref);
  backendPref = pref;
  post({ type: 'ready', id, backend });
  return backend;
}

function disposeModels(keep: Set<Model> = new Set()): void {
  const cached = teachers.owned();
  for (const m of new Set([...models.values(), ...cached])) if (!keep.has(m)) m.dispose();
  models = new Map();
  teachers.retain(keep);
}

const notice = (id: number, level: 'info' | 'warning', message: string) => post({ type: 'notice', id, level, message });

/** Finished phases of a resumed run, replayed so the UI shows their curves and results again. */
function replayFinished(id: number, cp: RunCheckpoint): void {
  const planned = planPhases(cp.config);
  cp.results.forEach((r, index) => {
    const p = planned[index];
    const phase: PhaseInfo = {
      id: r.id,
      label: r.label,
      kind: r.kind,
      method: r.method,
      architecture: r.architecture,
      params: r.params,
      epochs: p?.epochs ?? r.history.length,
      stepsPerEpoch: cp.stepsPerEpoch,
      index,
      total: planned.length,
      reused: false,
    };
    modelLabels.set(r.id, { label: r.label, kind: r.kind });
    post({ type: 'phase', id, phase });
    for (const metrics of r.history) post({ type: 'epoch', id, metrics });
    post({ type: 'phaseEnd', id, result: r });
  });
}

async function start(id: number, input: unknown, stepMode = false, resume: RunCheckpoint | null = null): Promise<void> {
  if (running) {
    post({ type: 'error', id, code: 'internal', message: 'A run is already in progress; stop it first.' });
    return;
  }
  const v = validateConfig(input);
  if (!v.ok) {
    post({ type: 'invalid', id, errors: v.errors });
    return;
  }
  const cfg = v.config;
  running = true;
  runId = id;
  control = new RunControl();
  const steps = new Batcher<StepSample>((samples) => post({ type: 'steps', id, samples }));
  let checkpointNote = false;
  try {
    const be = await ensureBackend(id, cfg.backend).catch((e: Error) => {
      throw Object.assign(e, { code: 'backend' });
    });
    let data: Dataset;
    try {
      data = await loadDataset(
        cfg.data,
        cfg.seed,
        fetchAsset,
        async (ds) => (await realData(ds, (progress) => post({ type: 'data-progress', id, progress }))).data,
      );
    } catch (e) {
      throw Object.assign(e as Error, { code: 'data' });
    }
    const planned = planPhases(cfg).filter((p) => p.kind === 'teacher');
    attackStop = true; // the lab must not hold models this run is about to dispose
    await attackQueue;
    attackStop = false;
    const { reuse, fromDisk } = await teachers.find(cfg, planned, data);
    disposeModels(new Set(reuse.values()));
    models = new Map(); // filled phase by phase: a paused run's models can be attacked
    labData = data;
    modelLabels.clear();
    post({
      type: 'started',
      id,
      config: cfg,
      dataset: {
        name: data.name,
        shape: [data.height, data.width, data.channels],
        numClasses: data.numClasses,
        train: data.train.count,
        test: data.test.count,
      },
    });
    if (fromDisk.length && !resume) {
      notice(id, 'info', `Teacher loaded from this browser's cache: its training is skipped (${fromDisk.join(', ')}).`);
    }
    if (resume) replayFinished(id, resume);
    const out = await runExperiment(cfg, data, {
      control,
      reuse,
      keepTeachers: true,
      models,
      resumeFrom: resume ?? undefined,
      onCheckpoint: async (checkpoint) => {
        const r = await saveCheckpoint({ savedAt: Date.now(), stepMode, checkpoint });
        if (!r.ok && !checkpointNote) {
          checkpointNote = true;
          notice(id, 'warning', `Progress is not being saved (${r.reason}): a reload will lose this run.`);
        }
      },
      listener: {
        onPhaseStart: (phase) => {
          modelLabels.set(phase.id, { label: phase.label, kind: phase.kind });
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
          if (stepMode) control?.pause(); // takes effect at the next step: the epoch's metrics are already out
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
    models = out.models; // kept for later commands (attacks, evaluation, export)
    steps.flush();
    running = false; // the models are final: the lab may attack them while the cache writes below finish
    post({ type: 'done', id, results: out.results, seconds: out.seconds, backend: be });
    await deleteCheckpoint();
    const trained = new Set(planned.filter((t) => !reuse.has(t.id)).map((t) => t.id));
    const why = await teachers.remember(cfg, planned, data, out.models, trained);
    if (why) notice(id, 'warning', `The trained teacher is kept for this tab only (${why}).`);
  } catch (e) {
    steps.flush();
    models = new Map(); // the trainer disposed the models of a failed or stopped run
    await deleteCheckpoint(); // stopped on purpose or failed: nothing to resume
    if (e instanceof StoppedError) post({ type: 'stopped', id });
    else if (e instanceof DivergedError) post({ type: 'error', id, code: 'diverged', message: e.message });
    else {
      const err = e as Error & { code?: 'backend' | 'data' };
      post({ type: 'error', id, code: err.code ?? 'internal', message: err.message || String(e) });
    }
  } finally {
    running = false;
    control = null;
    // Engine memory stays bounded across runs: report leaks loudly in development.
    if (import.meta.env.DEV) console.debug('[worker] tensors after run:', tf.memory().numTensors);
  }
}

async function resumeInfo(): Promise<ResumeInfo | null> {
  const stored = await loadCheckpoint().catch(() => null);
  if (!stored) return null;
  const cp = stored.checkpoint;
  const planned = planPhases(cp.config);
  const p = planned[Math.min(cp.phase, planned.length - 1)];
  return {
    savedAt: stored.savedAt,
    config: cp.config,
    stepMode: stored.stepMode,
    phase: cp.phase,
    phases: planned.length,
    phaseLabel: p?.label ?? '',
    epoch: cp.current?.epoch ?? 0,
    epochs: p?.epochs ?? 0,
    bytes: checkpointBytes(cp),
    backend: cp.backend,
  };
}

async function resumeRun(id: number): Promise<void> {
  const stored = await loadCheckpoint().catch(() => null);
  if (!stored) {
    post({ type: 'error', id, code: 'internal', message: 'There is no interrupted run to resume.' });
    return;
  }
  await start(id, stored.checkpoint.config, stored.stepMode, stored.checkpoint);
}

async function exportModel(id: number, modelId: string): Promise<void> {
  const m = models.get(modelId);
  if (!m) throw new Error(`no trained model "${modelId}" to export`);
  const info = modelLabels.get(modelId);
  const saved = { ...(await saveModel(m)), meta: { label: info?.label ?? modelId, kind: info?.kind ?? 'student' } };
  const slug = (info?.label ?? modelId).replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '');
  post({ type: 'model-file', id, fileName: `${slug || 'model'}.kdnpm`, bytes: encodeModelFile(saved) });
}

/** Adds models from .kdnpm files to the lab, on the data set the UI names (loaded as for a run). */
async function importModels(id: number, files: File[], spec: DataSpec, seed: number): Promise<void> {
  if (running) throw new Error('A run is in progress: wait for it to finish (or stop it) before importing models.');
  await ensureBackend(id, (backendPref as ExperimentConfig['backend']) ?? 'auto');
  const data =
    labData && models.size
      ? labData
      : await loadDataset(spec, seed, fetchAsset, async (ds) => (await realData(ds, () => undefined)).data);
  const added: ModelRef[] = [];
  for (const f of files) {
    const saved = decodeModelFile(new Uint8Array(await f.arrayBuffer()), f.name);
    const m = loadModel(saved, inputInfoOf(data)); // throws if the model does not fit this data set
    const meta = (saved.meta ?? {}) as { label?: string; kind?: 'teacher' | 'student' };
    let modelId = `imported-${f.name.replace(/\.kdnpm$/, '')}`;
    for (let k = 2; models.has(modelId); k++) modelId = `imported-${f.name}-${k}`;
    models.set(modelId, m);
    const ref: ModelRef = { id: modelId, label: `Imported: ${meta.label ?? f.name}`, kind: meta.kind ?? 'student' };
    modelLabels.set(modelId, { label: ref.label, kind: ref.kind });
    added.push(ref);
  }
  labData = data;
  post({ type: 'models-imported', id, models: added });
}

function lab(): Lab {
  if (running && !control?.isPaused) {
    throw new Error(
      'A run is training: pause it (the lab attacks the models trained so far) or wait until it finishes.',
    );
  }
  if (!labData || models.size === 0) throw new Error('Train first: the lab attacks the models of the last run.');
  const refs = [...models.keys()].map((id) => ({
    id,
    ...(modelLabels.get(id) ?? { label: id, kind: 'student' as const }),
  }));
  return { models, refs, data: labData };
}

function attackTask(cmd: Extract<Command, { type: `attack-${string}` | 'corruptions' | 'corruption-preview' }>): void {
  if (cmd.type === 'attack-stop') {
    attackStop = true;
    return;
  }
  const run = async () => {
    attackStop = false;
    try {
      await runAttackCommand(cmd, lab(), post, () => attackStop);
    } catch (e) {
      if (e instanceof StoppedError) post({ type: 'attack-stopped', id: cmd.id });
      else post({ type: 'attack-error', id: cmd.id, message: (e as Error).message || String(e) });
    }
  };
  attackQueue = attackQueue.then(run, run);
}

self.onmessage = (ev: MessageEvent<Command>) => {
  const cmd = ev.data;
  switch (cmd.type) {
    case 'attack-gallery':
    case 'attack-sweep':
    case 'corruptions':
    case 'corruption-preview':
    case 'attack-stop':
      attackTask(cmd);
      break;
    case 'data-catalog':
    case 'data-load':
    case 'data-import':
    case 'data-clear':
      dataCommand(cmd, post);
      break;
    case 'init':
      void serial(() =>
        ensureBackend(cmd.id, cmd.backend).then(
          () => undefined,
          (e: Error) => post({ type: 'error', id: cmd.id, code: 'backend', message: e.message }),
        ),
      );
      break;
    case 'resume-info':
      void resumeInfo().then((info) => post({ type: 'resume-info', id: cmd.id, info }));
      break;
    case 'resume-run':
      if (running)
        post({ type: 'error', id: cmd.id, code: 'internal', message: 'A run is already in progress; stop it first.' });
      else void serial(() => resumeRun(cmd.id));
      break;
    case 'discard-checkpoint':
      void deleteCheckpoint().then(() => post({ type: 'resume-info', id: cmd.id, info: null }));
      break;
    case 'model-export':
      void exportModel(cmd.id, cmd.modelId).catch((e: Error) =>
        post({ type: 'notice', id: cmd.id, level: 'warning', message: `Export failed: ${e.message}` }),
      );
      break;
    case 'model-import':
      void serial(() =>
        importModels(cmd.id, cmd.files, cmd.data, cmd.seed).catch((e: Error) =>
          post({ type: 'attack-error', id: cmd.id, message: `Model import failed: ${e.message}` }),
        ),
      );
      break;
    case 'start':
      if (running)
        post({ type: 'error', id: cmd.id, code: 'internal', message: 'A run is already in progress; stop it first.' });
      else void serial(() => start(cmd.id, cmd.config, cmd.stepMode));
      break;
    case 'pause':
      control?.pause();
      break;
    case 'resume':
      if (control?.isPaused) {
        control.resume();
        post({ type: 'resumed', id: runId });
      }
      break;
    case 'stop':
      control?.stop();
      break;
  }
};

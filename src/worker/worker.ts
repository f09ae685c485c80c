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
import { DivergedError, planPhases, runExperiment, type PlannedPhase } from '../core/train/trainer';
import { selectBackend } from './backend';
import { runAttackCommand, type Lab } from './attacks';
import { catalog, clearData, describe, describeLoaded, importData, isRealDataset, realData } from './data';
import type { BackendInfo, Command, DataProgress, WorkerEvent } from './protocol';
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
let teacherCache = new Map<string, Model>();
const assetCache = new Map<string, Uint8Array>();
/** The data set of the last run, and its models' labels: what the attack lab works on. */
let labData: Dataset | null = null;
const modelLabels = new Map<string, { label: string; kind: 'teacher' | 'student' }>();
/** Attack-lab commands run one at a time; a new run waits for the current one to stop. */
let attackQueue: Promise<void> = Promise.resolve();
let attackStop = false;

async function fetchAsset(file: string): Promise<Uint8Array> {
  const hit = assetCache.get(file);
  if (hit) return hit;
  const url = new URL(`${import.meta.env.BASE_URL}data/${file}`, self.location.origin);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url.pathname} (HTTP ${res.status}); run "npm run data:embed"`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  assetCache.set(file, bytes);
  return bytes;
}

async function ensureBackend(id: number, pref: ExperimentConfig['backend']): Promise<BackendInfo> {
  if (backend && backendPref === pref) return backend;
  disposeModels(); // tensors belong to one backend: dispose before switching
  backend = await selectBackend(pref);
  backendPref = pref;
  post({ type: 'ready', id, backend });
  return backend;
}

function disposeModels(keep: Set<Model> = new Set()): void {
  for (const m of new Set([...models.values(), ...teacherCache.values()])) if (!keep.has(m)) m.dispose();
  models = new Map();
  teacherCache = new Map([...teacherCache].filter(([, m]) => keep.has(m)));
}

function teacherKey(cfg: ExperimentConfig, p: PlannedPhase): string {
  const { data, seed, optimizer, schedule, batchSize } = cfg;
  return JSON.stringify({
    id: p.id,
    data,
    seed,
    model: p.spec,
    epochs: p.epochs,
    labelNoise: p.labelNoise,
    optimizer,
    schedule,
    batchSize,
  });
}

async function start(id: number, input: unknown, stepMode = false): Promise<void> {
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
    const teachers = planPhases(cfg).filter((p) => p.kind === 'teacher');
    const reuse = new Map<string, Model>();
    for (const t of teachers) {
      const hit = teacherCache.get(teacherKey(cfg, t));
      if (hit) reuse.set(t.id, hit);
    }
    attackStop = true; // the lab must not hold models this run is about to dispose
    await attackQueue;
    attackStop = false;
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
    const out = await runExperiment(cfg, data, {
      control,
      reuse,
      keepTeachers: true,
      models,
      listener: {
        onPhaseStart: (phase) => {
          modelLabels.set(phase.id, { label: phase.label, kind: phase.kind });
          steps.flush();
          post({ type: 'phase', id, phase });
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
    models = out.models; // kept for later commands (attacks, evaluation)
    teacherCache = new Map(teachers.map((t) => [teacherKey(cfg, t), out.models.get(t.id)!]));
    steps.flush();
    post({ type: 'done', id, results: out.results, seconds: out.seconds, backend: be });
  } catch (e) {
    steps.flush();
    models = new Map(); // the trainer disposed the models of a failed or stopped run
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

/** Data commands run one at a time, beside (not behind) a training run. */
let dataQueue: Promise<void> = Promise.resolve();
function dataTask(id: number, dataset: string, task: () => Promise<void>): void {
  const run = () =>
    task().catch((e: Error) => post({ type: 'data-error', id, dataset, message: e.message || String(e) }));
  dataQueue = dataQueue.then(run, run);
}

async function loadForPreview(id: number, spec: DataSpec, seed: number): Promise<void> {
  const t0 = performance.now();
  const sink = (progress: DataProgress) => post({ type: 'data-progress', id, progress });
  if (isRealDataset(spec.dataset)) {
    const loaded = await realData(spec.dataset, sink);
    post({ type: 'data-loaded', id, info: describeLoaded(loaded, (performance.now() - t0) / 1000) });
    return;
  }
  const d = await loadDataset(spec, seed, fetchAsset);
  const info = describe(d, {
    dataset: spec.dataset,
    name: d.name,
    summary: `${d.train.count.toLocaleString('en-US')} training images, ${d.test.count.toLocaleString('en-US')} test images`,
    warnings: [],
    origin: spec.dataset === 'synthetic' ? 'synthetic' : 'embedded',
    cacheNote: null,
    seconds: (performance.now() - t0) / 1000,
  });
  post({ type: 'data-loaded', id, info });
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
      dataTask(cmd.id, 'catalog', async () => post({ type: 'data-catalog', id: cmd.id, catalog: await catalog() }));
      break;
    case 'data-load':
      dataTask(cmd.id, cmd.spec.dataset, () => loadForPreview(cmd.id, cmd.spec, cmd.seed));
      break;
    case 'data-import':
      dataTask(cmd.id, 'import', async () => {
        const t0 = performance.now();
        const loaded = await importData(cmd.files, cmd.idxAs, (progress) =>
          post({ type: 'data-progress', id: cmd.id, progress }),
        );
        post({ type: 'data-loaded', id: cmd.id, info: describeLoaded(loaded, (performance.now() - t0) / 1000) });
        post({ type: 'data-catalog', id: cmd.id, catalog: await catalog() });
      });
      break;
    case 'data-clear':
      dataTask(cmd.id, cmd.dataset ?? 'all', async () => {
        await clearData(cmd.dataset);
        post({ type: 'data-catalog', id: cmd.id, catalog: await catalog() });
      });
      break;
    case 'init':
      void serial(() =>
        ensureBackend(cmd.id, cmd.backend).then(
          () => undefined,
          (e: Error) => post({ type: 'error', id: cmd.id, code: 'backend', message: e.message }),
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

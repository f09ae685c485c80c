// The typed message protocol between the UI thread and the training worker. The worker owns every
// tensor; only plain numbers and strings cross this boundary.
import type { TunedOp } from '../core/nn/tune/autotuner';
import type { BackendPreference, DataSpec, ExperimentConfig, RealDatasetName } from '../core/config/schema';
import type { FieldError } from '../core/config/validate';
import type { Cell, CellOutcome } from '../core/study';
import type { SpeedProbe } from '../core/train/speedProbe';
import type { EpochMetrics, LabelFlips, ModelResult, PhaseInfo, PhaseKind, StepSample } from '../core/train/events';
import type { NoiseViewData, Prediction } from '../core/train/noiseView';
import type { AttackCommand, AttackEvent, ModelRef } from './attackProtocol';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Adapter / renderer description, e.g. "Google SwiftShader" or "NVIDIA GeForce ...". */
  adapter: string;
  /** A software GPU (WebGPU fallback adapter, SwiftShader, llvmpipe): slow, say so in the UI. */
  software: boolean;
  /** Why this backend was chosen (or why the preferred one was not). */
  reason: string;
  /** The training-op formulations the autotuner chose on this device (core/nn/tune), once a run has tuned. */
  tuned?: TunedOp[];
}

export type Command =
  | { type: 'init'; id: number; backend: BackendPreference }
  /** config is unvalidated input: the worker validates it again and answers with `invalid` if bad. */
  | {
      type: 'start';
      id: number;
      config: unknown;
      /** Step-by-step (classroom) mode: pause after every epoch so the class can look at what changed. */
      stepMode?: boolean;
    }
  /** Measure how fast this device trains (core/train/speedProbe.ts) on the backend of this preference. */
  | { type: 'speed-test'; id: number; backend: BackendPreference }
  | { type: 'pause'; id: number }
  /** While paused: run one step (one batch), then pause again (answered by `resumed`, then `paused`). */
  | { type: 'step-once'; id: number }
  /** Slow motion for a demo: wait `delayMs` before each step (0 = full speed; at most 5,000). */
  | { type: 'set-speed'; id: number; delayMs: number }
  | { type: 'resume'; id: number }
  | { type: 'stop'; id: number }
  /** What real data sets are cached here and what the deployment's manifest offers. */
  | { type: 'data-catalog'; id: number }
  /** Load a data set (from memory, the cache, or prepared shards with progress) and describe it. */
  | { type: 'data-load'; id: number; spec: DataSpec; seed: number }
  /** Parse official files (picked or dropped) in the worker, cache them, describe the result. */
  | { type: 'data-import'; id: number; files: File[]; idxAs: 'mnist' | 'fashion-mnist' }
  /** Delete cached data (one data set, or all). */
  | { type: 'data-clear'; id: number; dataset: RealDatasetName | null }
  | AttackCommand
  /** Is there a checkpoint of an interrupted run to resume? */
  | { type: 'resume-info'; id: number }
  /**
   * Continue an interrupted run from its last finished epoch (not 'resume', which ends a pause): the one named,
   * else the newest that no other tab is running.
   */
  | { type: 'resume-run'; id: number; runKey?: string }
  | { type: 'discard-checkpoint'; id: number; runKey?: string }
  /** A trained model of the last run as a downloadable .kdnpm file. */
  | { type: 'model-export'; id: number; modelId: string }
  /** Models from .kdnpm files, added to the attack lab (on the data set the spec names). */
  | { type: 'model-import'; id: number; files: File[]; data: DataSpec; seed: number }
  /** The noise panel opened or closed: the worker computes `noise-view` events only while it is open. */
  | { type: 'noise-view-subscribe'; id: number; on: boolean };

export type ErrorCode = 'invalid-config' | 'diverged' | 'backend' | 'data' | 'resources' | 'internal';

export type WorkerEvent =
  /** Sent once when the worker's code has loaded: the client's start-up bound ends here. */
  | { type: 'hello'; id: 0 }
  | { type: 'ready'; id: number; backend: BackendInfo }
  | { type: 'invalid'; id: number; errors: FieldError[] }
  | { type: 'started'; id: number; config: ExperimentConfig; dataset: DatasetSummary }
  | { type: 'phase'; id: number; phase: PhaseInfo }
  /** Step samples, batched: at most ~10 messages per second. */
  | { type: 'steps'; id: number; samples: StepSample[] }
  | { type: 'epoch'; id: number; metrics: EpochMetrics }
  | { type: 'phaseEnd'; id: number; result: ModelResult }
  | { type: 'paused'; id: number }
  | { type: 'resumed'; id: number }
  | { type: 'stopped'; id: number }
  /**
   * A cell of the run's study begins (every run is a study; a plain run has one cell): the phase, step, epoch and
   * phaseEnd events that follow belong to it. `of` is the number of cells.
   */
  | { type: 'cell'; id: number; cell: Cell; of: number }
  /** The robust evaluation after a cell's training: images attacked so far over all its models. */
  | { type: 'robust-progress'; id: number; cell: number; done: number; total: number; label: string }
  /** A cell finished: its models' clean and robust accuracy (the study's statistics use these), and histories. */
  | { type: 'cell-done'; id: number; outcome: CellOutcome }
  /** The whole run (every cell) finished; results and seconds are those of the last cell, total of all. */
  | { type: 'done'; id: number; results: ModelResult[]; seconds: number; backend: BackendInfo }
  | { type: 'error'; id: number; code: ErrorCode; message: string }
  | { type: 'data-catalog'; id: number; catalog: DataCatalog }
  /** Progress of a download, import or cache read (also sent while a run loads its data). */
  | { type: 'data-progress'; id: number; progress: DataProgress }
  | { type: 'data-loaded'; id: number; info: DataInfo }
  | { type: 'data-error'; id: number; dataset: string; message: string }
  | AttackEvent
  /**
   * The newest interrupted run this tab may resume, and how many runs other tabs are training now. Also sent
   * unasked (id 0) when another tab's run stops being owned (that tab closed), so its Resume can appear here.
   */
  | { type: 'resume-info'; id: number; info: ResumeInfo | null; elsewhere: number }
  /** Something the user should know that is not an error: a teacher came from the cache, storage failed. */
  | { type: 'notice'; id: number; level: 'info' | 'warning'; message: string }
  /**
   * The run's autotuner: 'tuning' while it times formulations for a model's shapes ("tuning for this device"),
   * 'done' with every choice so far (also put in the backend's `tuned`).
   */
  | { type: 'tuning'; id: number; state: 'tuning' | 'done'; tuned: TunedOp[] }
  /** The speed test's answer: null with a reason when it could not measure (a run wanted the device, an error). */
  | { type: 'speed'; id: number; probe: SpeedProbe | null; backend: BackendInfo | null; reason?: string }
  | { type: 'model-file'; id: number; fileName: string; bytes: Uint8Array }
  | { type: 'models-imported'; id: number; models: ModelRef[] }
  /** What the model in training's noise sources do to one test image now (at most ~3 a second, panel open only). */
  | { type: 'noise-view'; id: number; view: NoiseView }
  /** After every epoch: each model trained so far (and the one in training) on the fixed preview images. */
  | { type: 'predictions'; id: number; grid: PredictionGrid };

/** The noise panel's picture of the model in training (core/train/noiseView.ts), with where the run is. */
export interface NoiseView extends NoiseViewData {
  modelId: string;
  label: string;
  kind: PhaseKind;
  /** 0-based epoch and 1-based step of the last step reported (0 before the phase's first). */
  epoch: number;
  step: number;
  stepsPerEpoch: number;
  shape: [number, number, number];
  classNames: string[];
  /** The test image's true class. */
  trueLabel: number;
  /** Label corruption of this model's CE labels and of its teacher's training labels (0: none). */
  labelNoise: number;
  teacherLabelNoise: number;
  /** The latest training batch's flipped labels, when this model's labels are corrupted (null until one). */
  flips: LabelFlips | null;
}

/** The live prediction grid: fixed test images and every model's prediction for each. */
export interface PredictionGrid {
  /** The phase whose epoch just ended, and that epoch (1-based). */
  phaseId: string;
  phaseLabel: string;
  epoch: number;
  epochs: number;
  shape: [number, number, number];
  classNames: string[];
  /** uint8 H×W×C pixels of the images, one after another. */
  images: Uint8Array;
  labels: number[];
  models: { id: string; label: string; kind: PhaseKind; predictions: Prediction[] }[];
}

export interface ResumeInfo {
  /** The run's key: its checkpoint record and its Web Lock. */
  runKey: string;
  savedAt: number;
  /** The run's config (a study's base config, with its `study`). */
  config: ExperimentConfig;
  /** Where a study stands: the cell to continue (0-based) of how many, and that cell's seed / sweep value. */
  study: { cell: number; of: number; seed: number; value: number | null } | null;
  stepMode: boolean;
  /** Finished phases and epochs: "Hinton KD, epoch 2 of 4". */
  phase: number;
  phases: number;
  phaseLabel: string;
  epoch: number;
  epochs: number;
  bytes: number;
  backend: string;
}

export interface DataProgress {
  dataset: string;
  stage: 'download' | 'read' | 'parse' | 'cache-read' | 'cache-write';
  /** Bytes (download, read) or items done; total 0 when unknown. */
  loaded: number;
  total: number;
  /** Seconds left, when it can be estimated. */
  etaSeconds: number | null;
  label: string;
}

export interface CatalogEntry {
  id: RealDatasetName;
  name: string;
  shape: [number, number, number];
  /** In this browser's cache (IndexedDB). */
  cached: { bytes: number; summary: string; origin: 'import' | 'prepared'; savedAt: number } | null;
  /** Offered as prepared shards by this deployment (public/data/manifest.json). */
  prepared: { bytes: number; summary: string; counts: { train: number; test: number } } | null;
}

export interface DataCatalog {
  entries: CatalogEntry[];
  /** Why nothing can be cached (private mode, no IndexedDB); null when storage works. */
  storageProblem: string | null;
  /** Origin storage use and quota (navigator.storage.estimate), when known. */
  usage: { used: number; quota: number } | null;
}

/** What the UI shows about a loaded data set: counts, a sample grid, where it came from. */
export interface DataInfo {
  dataset: DataSpec['dataset'];
  name: string;
  shape: [number, number, number];
  classNames: string[];
  summary: string;
  warnings: string[];
  origin: 'embedded' | 'synthetic' | 'cache' | 'download' | 'import';
  /** Per-class image counts of the whole loaded set (not the config's subset). */
  classCounts: { train: number[]; test: number[] };
  /** Bytes held in the worker for this data set (pixels stay uint8 until batching). */
  residentBytes: number;
  /** A few training images per class, uint8 HWC, for the sample grid. */
  samples: { images: Uint8Array; labels: Uint8Array; count: number };
  /** How long loading took, and whether the result was cached (or why not). */
  seconds: number;
  cacheNote: string | null;
}

export interface DatasetSummary {
  name: string;
  shape: [number, number, number];
  numClasses: number;
  train: number;
  test: number;
}

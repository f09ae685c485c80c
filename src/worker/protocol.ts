// The typed message protocol between the UI thread and the training worker. The worker owns every
// tensor; only plain numbers and strings cross this boundary.
import type { BackendPreference, ExperimentConfig } from '../core/config/schema';
import type { FieldError } from '../core/config/validate';
import type { EpochMetrics, ModelResult, PhaseInfo, StepSample } from '../core/train/events';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Adapter / renderer description, e.g. "Google SwiftShader" or "NVIDIA GeForce ...". */
  adapter: string;
  /** A software GPU (WebGPU fallback adapter, SwiftShader, llvmpipe): slow, say so in the UI. */
  software: boolean;
  /** Why this backend was chosen (or why the preferred one was not). */
  reason: string;
}

export type Command =
  | { type: 'init'; id: number; backend: BackendPreference }
  /** config is unvalidated input: the worker validates it again and answers with `invalid` if bad. */
  | { type: 'start'; id: number; config: unknown }
  | { type: 'pause'; id: number }
  | { type: 'resume'; id: number }
  | { type: 'stop'; id: number };

export type ErrorCode = 'invalid-config' | 'diverged' | 'backend' | 'data' | 'internal';

export type WorkerEvent =
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
  | { type: 'done'; id: number; results: ModelResult[]; seconds: number; backend: BackendInfo }
  | { type: 'error'; id: number; code: ErrorCode; message: string };

export interface DatasetSummary {
  name: string;
  shape: [number, number, number];
  numClasses: number;
  train: number;
  test: number;
}

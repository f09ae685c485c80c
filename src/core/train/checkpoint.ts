// Run checkpoints: everything a run needs to continue after its last finished epoch and end exactly where an
// uninterrupted run would. Plain data only (numbers, strings, typed arrays), so the worker can post a checkpoint
// or put it in IndexedDB as is, and a fresh process can resume from it without anything else.
import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../config/schema';
import type { Dataset } from '../data/types';
import type { Model } from '../nn/model';
import { saveModel, savedModelBytes, type SavedModel } from '../nn/serialize';
import type { EpochMetrics, ModelResult } from './events';
import type { OptimState } from './optimizer';
import type { PlannedPhase } from './plan';
import { Rng, stream } from '../rng';

/** A phase's random streams: each advances as training consumes it, so its state is part of a checkpoint. */
export interface PhaseRngs {
  shuffle: Rng;
  dropout: Rng;
  noise: Rng;
  labels: Rng;
  /** Only when the data set augments its training batches. */
  augment: Rng | null;
}

export interface RngStates {
  shuffle: number;
  dropout: number;
  noise: number;
  labels: number;
  augment: number | null;
}

/** Where the phase in progress stands after its last finished epoch. */
export interface PhaseCheckpoint {
  id: string;
  /** Epochs finished (1 ≤ epoch < the phase's epochs: after the last one the checkpoint is a phase boundary). */
  epoch: number;
  history: EpochMetrics[];
  optimizer: OptimState;
  rng: RngStates;
  /** The shuffle order, which each epoch reshuffles in place. */
  order: Int32Array;
  /** Wall time spent on the phase so far (timings and ETA continue from it). */
  seconds: number;
}

export interface RunCheckpoint {
  format: 'kdnp-checkpoint';
  version: 1;
  /** Hash of the config's training-relevant fields (all but `backend` and `attack`). */
  configHash: string;
  config: ExperimentConfig;
  /** Identifies the training data (shape, sizes, a hash of labels and sampled pixels). */
  data: string;
  stepsPerEpoch: number;
  /** The backend it was taken on (resuming elsewhere works, but is exact only on the same one). */
  backend: string;
  /** The phase to continue: in progress if `current` is set, else the next to start; = phase count when done. */
  phase: number;
  /** Results of the finished phases, in order. */
  results: ModelResult[];
  current: PhaseCheckpoint | null;
  /** Finished models still needed (teachers of later phases) or kept (students, teachers with keepTeachers), then the current one. */
  models: { id: string; model: SavedModel }[];
  /** Steps done over the whole run (ETA), and run wall time so far. */
  stepsDone: number;
  seconds: number;
  createdAt: number;
}

export function phaseRngs(seed: number, phaseId: string, augment: boolean): PhaseRngs {
  return {
    shuffle: stream(seed, 'shuffle', phaseId),
    dropout: stream(seed, 'dropout', phaseId),
    noise: stream(seed, 'noise', phaseId),
    labels: stream(seed, 'labels', phaseId),
    augment: augment ? stream(seed, 'augment', phaseId) : null,
  };
}

export function rngStates(r: PhaseRngs): RngStates {
  return {
    shuffle: r.shuffle.state,
    dropout: r.dropout.state,
    noise: r.noise.state,
    labels: r.labels.state,
    augment: r.augment ? r.augment.state : null,
  };
}

export function restoreRngStates(r: PhaseRngs, s: RngStates): void {
  r.shuffle.state = s.shuffle;
  r.dropout.state = s.dropout;
  r.noise.state = s.noise;
  r.labels.state = s.labels;
  if (r.augment) r.augment.state = s.augment!;
}

/** FNV-1a, 32 bits, over a string or bytes. */
function fnv(h: number, s: string | ArrayLike<number>): number {
  for (let i = 0; i < s.length; i++) {
    h ^= typeof s === 'string' ? s.charCodeAt(i) : s[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** JSON with sorted keys, so the hash does not depend on key order. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x);
}

/** Two FNV passes with different offsets: 64 bits, plenty to tell configs apart. */
function hash64(s: string): string {
  const a = fnv(0x811c9dc5, s);
  const b = fnv(0x01000193 ^ a, s);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

export function configHash(cfg: ExperimentConfig): string {
  const { backend: _b, attack: _a, ...training } = cfg;
  return hash64(canonical(training));
}

/** Cheap identity of the training data: shape, sizes, augmentation, every label and a sample of pixels. */
export function dataFingerprint(d: Dataset): string {
  let h = fnv(0x811c9dc5, `${d.height}x${d.width}x${d.channels}/${d.numClasses}/${d.augment ?? 'none'}`);
  for (const s of [d.train, d.test]) {
    h = fnv(h, `${s.count}`);
    h = fnv(h, s.labels);
    const stride = Math.max(1, Math.floor(s.images.length / 4096));
    for (let i = 0; i < s.images.length; i += stride) h = Math.imul(h ^ s.images[i], 0x01000193) >>> 0;
  }
  return `${d.train.count}+${d.test.count} ${d.height}×${d.width}×${d.channels} #${h.toString(16).padStart(8, '0')}`;
}

/** Approximate size in bytes: every typed array, plus the JSON size of the rest. */
export function checkpointBytes(cp: RunCheckpoint): number {
  const models = cp.models.reduce((n, m) => n + savedModelBytes(m.model), 0);
  const opt = cp.current ? cp.current.optimizer.slots.reduce((n, s) => n + s.data.byteLength, 0) : 0;
  const order = cp.current ? cp.current.order.byteLength : 0;
  const rest = JSON.stringify({
    ...cp,
    models: cp.models.map((m) => ({ ...m.model, variables: [] })),
    current: cp.current && { ...cp.current, optimizer: null, order: null },
  }).length;
  return models + opt + order + rest;
}

/** Throws a clear error when `cp` cannot continue this run (another config, data set or step count). */
export function checkResumable(
  cp: RunCheckpoint,
  cfg: ExperimentConfig,
  data: Dataset,
  stepsPerEpoch: number,
  phases: PlannedPhase[],
  reuse?: ReadonlyMap<string, unknown>,
): void {
  const fail: (why: string) => never = (why) => {
    throw new Error(`Cannot resume from this checkpoint: ${why}`);
  };
  if (cp?.format !== 'kdnp-checkpoint' || cp.version !== 1) fail('it is not a version-1 run checkpoint');
  if (cp.configHash !== configHash(cfg)) fail('it was taken with another configuration');
  const fp = dataFingerprint(data);
  if (cp.data !== fp) fail(`it was taken on other training data (${cp.data}; now ${fp})`);
  if (cp.stepsPerEpoch !== stepsPerEpoch)
    fail(`it ran ${cp.stepsPerEpoch} steps per epoch; this run has ${stepsPerEpoch}`);
  if (!(Number.isInteger(cp.phase) && cp.phase >= 0 && cp.phase <= phases.length))
    fail(`phase ${cp.phase} is out of range`);
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id).join();
  if (ids(cp.results) !== ids(phases.slice(0, cp.phase))) fail('its finished phases do not match the plan');
  const c = cp.current;
  if (c) {
    const p = phases[cp.phase];
    if (!p || c.id !== p.id) fail(`its phase in progress is "${c.id}", the plan has "${p?.id}"`);
    if (!(c.epoch >= 1 && c.epoch < p.epochs)) fail(`epoch ${c.epoch} of "${c.id}" is out of range`);
    if (c.order.length !== data.train.count) fail('its shuffle order does not cover the training set');
    if ((c.rng.augment === null) !== !(data.augment && data.augment !== 'none')) fail('augmentation differs');
  }
  // Without this, a student whose teacher went missing would silently train without distillation.
  const held = new Set([...cp.models.map((m) => m.id), ...(reuse?.keys() ?? [])]);
  const finished = new Set(cp.results.map((r) => r.id));
  for (const m of cp.models)
    if (!finished.has(m.id) && m.id !== c?.id) fail(`it holds a model for "${m.id}", which is not finished`);
  if (c && !held.has(c.id)) fail(`it lacks the model of "${c.id}"`);
  for (const p of phases.slice(cp.phase)) {
    if (p.teacherId && finished.has(p.teacherId) && !held.has(p.teacherId))
      fail(`it lacks "${p.teacherId}", the teacher of "${p.id}"`);
  }
}

/**
 * Builds checkpoints during a run. Finished models never change, so each is read from the device once and the
 * same arrays go into every later checkpoint.
 */
export class Checkpointer {
  private readonly saved = new Map<string, SavedModel>();
  private readonly base: Pick<RunCheckpoint, 'configHash' | 'config' | 'data' | 'stepsPerEpoch'>;

  constructor(cfg: ExperimentConfig, data: Dataset, stepsPerEpoch: number, from?: RunCheckpoint) {
    this.base = { configHash: configHash(cfg), config: cfg, data: dataFingerprint(data), stepsPerEpoch };
    const finished = new Set(from?.results.map((r) => r.id));
    for (const m of from?.models ?? []) if (finished.has(m.id)) this.saved.set(m.id, m.model);
  }

  /** `finished`: the finished phases' models the run still holds, in phase order. */
  async capture(s: {
    phase: number;
    results: ModelResult[];
    finished: [string, Model][];
    current: { model: Model; progress: PhaseCheckpoint } | null;
    stepsDone: number;
    seconds: number;
  }): Promise<RunCheckpoint> {
    const models: RunCheckpoint['models'] = [];
    for (const [id, m] of s.finished) {
      if (!this.saved.has(id)) this.saved.set(id, await saveModel(m));
      models.push({ id, model: this.saved.get(id)! });
    }
    for (const id of this.saved.keys()) if (!s.finished.some(([f]) => f === id)) this.saved.delete(id);
    if (s.current) models.push({ id: s.current.progress.id, model: await saveModel(s.current.model) });
    return {
      format: 'kdnp-checkpoint',
      version: 1,
      ...this.base,
      backend: tf.getBackend(),
      phase: s.phase,
      results: s.results.map((r) => ({ ...r, history: [...r.history] })),
      current: s.current?.progress ?? null,
      models,
      stepsDone: s.stepsDone,
      seconds: s.seconds,
      createdAt: Date.now(),
    };
  }
}

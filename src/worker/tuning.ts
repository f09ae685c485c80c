// The worker's autotuners (core/nn/tune), one per device (backend and adapter), kept for the session so a model
// whose shapes were tuned earlier starts at full speed; their choices persist in the env's cache (IndexedDB).
import * as tf from '@tensorflow/tfjs-core';
import { candidatesOf } from '../core/nn/ops/candidates';
import { Tuner } from '../core/nn/tune/autotuner';
import type { TuneCache } from '../core/nn/tune/cache';
import type { TuningEvent } from '../core/train/events';
import type { BackendInfo, WorkerEvent } from './protocol';

export class Tuners {
  private readonly byDevice = new Map<string, Tuner>();

  constructor(private readonly cache: TuneCache | undefined) {}

  /**
   * The tuner of this backend. None without a cache (Node tests train with the prior rules), and none on a software
   * GPU (SwiftShader, llvmpipe: used only when forced), where every candidate's first call compiles shaders for
   * seconds: tuning there measured compilation, and added ~10 s to a five-model run on WebGL-SwiftShader.
   */
  for(be: BackendInfo): Tuner | undefined {
    if (!this.cache || be.software) return undefined;
    const key = `${be.name}|${be.adapter}`;
    let t = this.byDevice.get(key);
    if (!t) {
      t = new Tuner({ backend: be.name, adapter: be.adapter, tfjs: tf.version_core }, candidatesOf, this.cache);
      this.byDevice.set(key, t);
    }
    return t;
  }
}

/** Forwards a tuning status, and lists every choice so far in the backend's details. */
export function postTuning(id: number, be: BackendInfo, tuner: Tuner, t: TuningEvent, post: (e: WorkerEvent) => void) {
  const tuned = tuner.summary();
  if (t.state === 'done') be.tuned = tuned;
  post({ type: 'tuning', id, state: t.state, tuned });
}

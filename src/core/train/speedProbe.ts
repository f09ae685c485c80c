// How fast this device trains, measured: the default student (the reference of estimate.ts's scaling) trained on
// MNIST-shaped synthetic batches for about a second, after warm-up steps that compile the backend's kernels. The
// app's time estimates (presets, the run guard, studies) scale from this figure instead of a typical constant;
// those constants were 2–3× off on real devices. Reads one loss at the end with `await data()` (never dataSync).
import * as tf from '@tensorflow/tfjs-core';
import { defaultConfig } from '../config/defaults';
import { syntheticDataset } from '../data/synthetic';
import { hostBatch, range } from '../data/batches';
import { recipeOf } from '../methods';
import { buildModel } from '../nn/build';
import { stream } from '../rng';
import { phaseRngs } from './checkpoint';
import { yieldToEventLoop } from './control';
import { makeOptimizer } from './optimizer';
import { trainStep } from './step';
import { inputInfo } from './trainer';

export interface SpeedProbe {
  /** Training images per second of the default student, warm. */
  imgPerSec: number;
  steps: number;
  seconds: number;
}

export interface ProbeOptions {
  /** Measuring time after warm-up (default 1 s). */
  seconds?: number;
  warmupSteps?: number;
  /** Give up (null) when warm-up alone takes longer than this (a backend still compiling). */
  maxWarmupSeconds?: number;
  /** Checked between steps: a run that wants the device ends the probe (null). */
  cancelled?: () => boolean;
}

export async function probeSpeed(o: ProbeOptions = {}): Promise<SpeedProbe | null> {
  const cfg = defaultConfig();
  const B = cfg.batchSize;
  const data = syntheticDataset({ trainSize: 4 * B, testSize: 10, size: 28, channels: 1, seed: 7 });
  const model = buildModel(cfg.student.model, inputInfo(data), stream(7, 'init', 'probe'));
  const optim = makeOptimizer(cfg.optimizer);
  const rngs = phaseRngs(7, 'probe', false);
  const recipe = recipeOf({ method: 'student-alone' });
  const order = range(data.train.count);
  const batches = [0, 1, 2, 3].map((i) => hostBatch(data.train, order, i * B, B, data));
  let lastYield = performance.now();
  const step = async (i: number, read: boolean) => {
    const out = trainStep(model, optim, cfg.optimizer.weightDecay, recipe, 0, batches[i % 4], rngs, null);
    if (read) await out.loss.data(); // waits for the queued GPU work, so the clock measures it
    tf.dispose([out.loss, out.correct]);
    // Let a queued command (a run to start) in, as the trainer does; `cancelled` sees it after this.
    if (performance.now() - lastYield > 30) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  };
  try {
    const w0 = performance.now();
    for (let i = 0; i < (o.warmupSteps ?? 3); i++) {
      if (o.cancelled?.() || (performance.now() - w0) / 1000 > (o.maxWarmupSeconds ?? 20)) return null;
      await step(i, true);
    }
    const budget = (o.seconds ?? 1) * 1000;
    const t0 = performance.now();
    let steps = 0;
    while (performance.now() - t0 < budget) {
      if (o.cancelled?.()) return null;
      steps++;
      // Read back every 4th step: often enough to keep the clock honest, rarely enough not to stall the queue.
      await step(steps, steps % 4 === 0);
    }
    if (o.cancelled?.()) return null;
    await step(0, true);
    steps++;
    const seconds = (performance.now() - t0) / 1000;
    return { imgPerSec: (steps * B) / seconds, steps, seconds };
  } finally {
    optim.dispose();
    model.dispose();
  }
}

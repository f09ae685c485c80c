// The speed probe on the real engine: a positive, finite figure; no tensors left behind; cancel ends it.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { probeSpeed } from './speedProbe';

describe('probeSpeed', () => {
  it('measures warm training steps of the default student and frees everything', async () => {
    const before = tf.memory().numTensors;
    const p = await probeSpeed({ seconds: 0.05, warmupSteps: 1 });
    expect(p).not.toBeNull();
    expect(p!.steps).toBeGreaterThanOrEqual(2);
    expect(p!.imgPerSec).toBeGreaterThan(0);
    expect(Number.isFinite(p!.imgPerSec)).toBe(true);
    // steps × batch 64 over the measured time, as reported.
    expect(p!.imgPerSec).toBeCloseTo((p!.steps * 64) / p!.seconds, 6);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('gives up (null) when cancelled, still freeing everything', async () => {
    const before = tf.memory().numTensors;
    let calls = 0;
    expect(await probeSpeed({ seconds: 5, warmupSteps: 1, cancelled: () => ++calls > 3 })).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});

// Stop acts between steps and inside the per-epoch evaluation (at its batch boundaries), without leaking tensors.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { syntheticDataset } from '../data/synthetic';
import { buildModel } from '../nn/build';
import { stream } from '../rng';
import { RunControl, StoppedError } from './control';
import { evaluate } from './evaluate';
import { inputInfo } from './trainer';

const data = syntheticDataset({ trainSize: 64, testSize: 1000, size: 8, channels: 1, seed: 1 });

describe('stop during evaluation', () => {
  it('a stop queued while the test set is evaluated ends it at the next batch', async () => {
    const m = buildModel(
      { family: 'cnn', channels: [4, 4], hidden: 8, dropout: 0 },
      inputInfo(data),
      stream(1, 'init', 's'),
    );
    const before = tf.memory().numTensors;
    const c = new RunControl();
    // Sent as a message would be: it can only run when evaluation yields to the event loop.
    setTimeout(() => c.stop(), 0);
    await expect(evaluate(m, data, data.test, 50, c)).rejects.toBeInstanceOf(StoppedError);
    expect(tf.memory().numTensors).toBe(before);
    // Without a stop it evaluates everything, as before.
    const r = await evaluate(m, data, data.test, 50, new RunControl());
    expect(r.acc).toBeGreaterThanOrEqual(0);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
});

// Playground controls on the real trainer: from a pause, "step one batch" runs exactly one training step and
// pauses again; slow motion waits before each step; Stop ends a slow-motion wait at once.
import { describe, expect, it } from 'vitest';
import { experimentConfig } from '../config/schema';
import { syntheticDataset } from '../data/synthetic';
import { RunControl, StoppedError } from './control';
import { runExperiment } from './trainer';

const cfg = experimentConfig.parse({
  seed: 2,
  backend: 'cpu',
  data: { dataset: 'synthetic', trainSize: 64, testSize: 16, size: 8, channels: 1 },
  teacher: { model: { family: 'cnn', channels: [2, 2], hidden: 4, dropout: 0.3 }, epochs: 1 },
  student: { model: { family: 'cnn', channels: [2, 2], hidden: 4, dropout: 0 }, epochs: 1 },
  students: [{ method: 'student-alone' }],
  optimizer: { type: 'adam', lr: 0.01, weightDecay: 0 },
  batchSize: 8,
});
const data = syntheticDataset({ trainSize: 64, testSize: 16, size: 8, channels: 1, seed: 2 });
const tick = () => new Promise((r) => setTimeout(r, 20));

describe('RunControl', () => {
  it('step one batch: exactly one step between pauses', async () => {
    const c = new RunControl();
    const steps: number[] = [];
    let pauses = 0;
    c.pause(); // paused before the first step
    const run = runExperiment(cfg, data, {
      control: c,
      sampleEvery: 1,
      listener: { onStep: (s) => steps.push(s.step), onPause: () => pauses++ },
    });
    await tick();
    expect(steps).toEqual([]);
    for (let i = 1; i <= 3; i++) {
      c.stepOnce();
      while (pauses < i + 1) await tick();
      expect(steps).toEqual(Array.from({ length: i }, (_, k) => k + 1));
      expect(c.isPaused).toBe(true);
    }
    c.resume();
    await run;
    expect(steps.length).toBe(8); // 64 / 8 steps, the rest at full speed
  }, 60_000);

  it('slow motion waits before each step; Stop ends the wait at once', async () => {
    const c = new RunControl();
    c.setDelay(300);
    const t0 = performance.now();
    await c.checkpoint();
    await c.checkpoint();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(580);
    c.setDelay(5000);
    const t1 = performance.now();
    setTimeout(() => c.stop(), 50);
    await expect(c.checkpoint()).rejects.toBeInstanceOf(StoppedError);
    expect(performance.now() - t1).toBeLessThan(1000);
    c.setDelay(1e9);
    expect(c.delay).toBe(5000);
  });
});

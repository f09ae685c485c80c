// The noise panel and prediction grid through the real store and the real worker (in process, tfjs cpu): closed,
// a run brings prediction grids but no noise views; open, the views come; a new run starts with neither.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { inProcessWorker } from '../../test/inProcessWorker';
import { tiny } from '../../test/workerSession';
import { setWorkerFactory } from './client';
import { useStore } from '.';

setWorkerFactory(inProcessWorker);
const s = useStore.getState;

async function until(test: () => boolean, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!test()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting for the store');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function train(config: unknown): void {
  useStore.setState({ backendPending: false, jsonErrors: [] });
  s().setJsonText(JSON.stringify(config));
  expect(s().applyJson()).toBe(true);
  s().train();
}

describe('noise slice', () => {
  it('keeps the latest view and grid of the current run, views only while open; a new run clears both', async () => {
    const cfg = tiny({ students: [{ method: 'soft-randomization', sigma: 0.2 }] });
    train(cfg);
    await until(() => s().status === 'done' || s().status === 'error');
    expect(s().runError).toBeNull();
    expect(s().noiseView).toBeNull(); // the panel is closed
    const grid = s().predictionGrid!;
    expect(grid.phaseId).toBe('student-1');
    expect(grid.epoch).toBe(2);
    expect(grid.models.map((m) => m.id)).toEqual(['teacher', 'student-1']);

    // Open, in step mode (a phase can end before its first view is due; a pause waits for it).
    s().setNoiseOpen(true);
    expect(s().noiseOpen).toBe(true);
    s().setStepMode(true);
    train(cfg);
    expect(s().predictionGrid).toBeNull(); // cleared as the run begins, before any of its events
    expect(s().noiseView).toBeNull();
    await until(() => s().noiseView?.modelId === 'student-1' || s().status === 'error');
    expect(s().noiseView!.input!.sigma).toBe(0.2);
    while (s().status !== 'done') {
      if (s().status === 'error') throw new Error(s().runError?.message);
      if (s().status === 'paused') s().resume();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(s().predictionGrid!.models).toHaveLength(2);
    s().setStepMode(false);
    s().setNoiseOpen(false);
    expect(s().noiseOpen).toBe(false);
  });
});

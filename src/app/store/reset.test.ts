// Reset through the real store and the real worker (in process, tfjs cpu): after a finished run it clears the view
// and keeps the config, and the next Train starts from the same initial weights (identical per-epoch metrics);
// during a paused run it stops the run, records it in the history as stopped, then clears the view.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../core/train/events';
import { inProcessWorker } from '../../test/inProcessWorker';
import { tiny } from '../../test/workerSession';
import { listRuns } from '../../storage/runs';
import { setWorkerFactory } from './client';
import { useStore } from '.';

setWorkerFactory(inProcessWorker);
const s = useStore.getState;

async function until(test: () => boolean, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!test()) {
    if (s().status === 'error') throw new Error(s().runError?.message);
    if (Date.now() - t0 > ms) throw new Error('timed out waiting for the store');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Per-epoch metrics without the timing fields, by model. */
const metrics = () =>
  Object.fromEntries(
    Object.entries(s().epochs).map(([id, list]) => [
      id,
      list.map(({ epoch, trainLoss, trainAcc, testLoss, testAcc }: EpochMetrics) => ({
        epoch,
        trainLoss,
        trainAcc,
        testLoss,
        testAcc,
      })),
    ]),
  );

function expectClearedView(): void {
  expect(s().status).toBe('idle');
  expect(s().stepSeries).toEqual({});
  expect(s().epochs).toEqual({});
  expect(s().results).toEqual([]);
  expect(s().plan).toEqual([]);
  expect(s().phases).toEqual({});
  expect(s().lastSample).toBeNull();
  expect(s().cellOutcomes).toEqual([]);
  expect(s().predictionGrid).toBeNull();
  expect(s().runConfig).toBeNull();
  expect(s().resetPending).toBe(false);
}

describe('reset', () => {
  it('after a run: clears the view, keeps the config; training again gives identical metrics', async () => {
    useStore.setState({ backendPending: false, jsonErrors: [] });
    s().setJsonText(
      JSON.stringify(tiny({ attack: { eps: 0.1, stepSize: 0.025, steps: 2, subset: 16, afterRun: false } })),
    );
    expect(s().applyJson()).toBe(true);
    const draft = s().draft;
    s().train();
    await until(() => s().status === 'done');
    const first = metrics();
    expect(Object.keys(first).sort()).toEqual(['student-1', 'student-2', 'teacher']);

    s().resetRun();
    expectClearedView();
    expect(s().draft).toBe(draft); // the config is left as it is

    s().train();
    await until(() => s().status === 'done');
    // The teacher comes from the worker's cache the second time (no epochs); the students train from the same
    // initial weights: the seed fixes them.
    const second = metrics();
    expect(second['student-1']).toEqual(first['student-1']);
    expect(second['student-2']).toEqual(first['student-2']);
    expect(second['student-1']).toHaveLength(2);
  });

  it('during a paused run: stops it, keeps its history entry as stopped, then clears the view', async () => {
    const before = (await listRuns()).length;
    s().setStepMode(true);
    s().setJsonText(JSON.stringify(tiny({ seed: 11 })));
    expect(s().applyJson()).toBe(true);
    s().train();
    await until(() => s().status === 'paused');
    expect(Object.keys(s().epochs)).toContain('teacher');

    s().resetRun();
    expect(s().resetPending).toBe(true);
    expect(s().stopRequested).toBe(true);
    await until(() => s().status === 'idle');
    expectClearedView();
    s().setStepMode(false);

    // The history write is asynchronous.
    await expect
      .poll(async () => (await listRuns()).find((r) => r.record.config.seed === 11)?.record.status)
      .toBe('stopped');
    expect((await listRuns()).length).toBe(before + 1);
  });
});

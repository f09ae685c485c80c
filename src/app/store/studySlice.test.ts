// The study's events (cell, robust-progress, cell-done) through handleWorkerEvent into the real store: cells
// gather, the live series follow the cell in progress, a new run starts empty, and the summary selector
// summarises what arrived.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { studyCells, studyOf } from '../../core/study';
import { planPhases } from '../../core/train/plan';
import type { WorkerEvent } from '../../worker/protocol';
import { selStudySummary } from '../components/study/summary';
import { outcomes, studyConfig } from '../components/study/testStudy';
import { inProcessWorker } from '../../test/inProcessWorker';
import { setWorkerFactory } from './client';
import { handleWorkerEvent } from './events';
import { useStore } from '.';

setWorkerFactory(inProcessWorker);

const s = useStore.getState;
const send = (e: WorkerEvent) => handleWorkerEvent(e, useStore.getState, useStore.setState);
const ID = 41;
const cfg = studyConfig({ seeds: [1, 2, 3] }, [{ method: 'student-alone' }, { method: 'hinton-kd' }]);
const acc = (id: string, seed: number): [number, number] => [0.8 + (id === 'student-2' ? 0.01 : 0) + seed / 1000, 0.3];
const done = outcomes(cfg, acc);
const dataset = {
  name: 'synthetic',
  shape: [8, 8, 1] as [number, number, number],
  numClasses: 10,
  train: 64,
  test: 32,
};
const phase = planPhases(cfg)[0];

async function until(test: () => boolean, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!test()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting for the store');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeEach(() => {
  useStore.setState({ status: 'running', runId: ID, sentPref: null, runConfig: null });
  s().clearStudy();
  s().clearResults();
});

/** The events of one cell's training: a phase, a step, an epoch and its end, for the first model only. */
function trainCell(index: number): void {
  const cell = studyCells(studyOf(cfg))[index];
  send({ type: 'cell', id: ID, cell, of: 3 });
  const info = { ...phase, architecture: 'cnn', params: 1000, stepsPerEpoch: 4, index: 0, total: 3 };
  send({ type: 'phase', id: ID, phase: info });
  const sample = { id: phase.id, epoch: 0, step: 1, stepsPerEpoch: 4, progress: 0.25, loss: 2, imgPerSec: 50 };
  send({ type: 'steps', id: ID, samples: [{ ...sample, etaPhase: 3, etaRun: 9, lr: 0.01 }] });
  send({ type: 'epoch', id: ID, metrics: done[index].results[0].history[0] });
  send({ type: 'phaseEnd', id: ID, result: done[index].results[0] });
}

describe('study events', () => {
  it('gather cells, clear the live series per cell, and feed the summary', () => {
    send({ type: 'started', id: ID, config: cfg, dataset });
    trainCell(0);
    expect(s().currentCell?.cell).toEqual({ index: 0, seed: 1, value: null });
    expect(s().results.map((r) => r.id)).toEqual(['teacher']);
    expect(Object.keys(s().stepSeries)).toEqual(['teacher']);

    send({ type: 'robust-progress', id: ID, cell: 0, done: 32, total: 96, label: 'PGD-20 ε=0.1' });
    send({ type: 'robust-progress', id: ID, cell: 0, done: 64, total: 96, label: 'PGD-20 ε=0.1' });
    expect(s().robustProgress).toMatchObject({ cell: 0, done: 64, total: 96, firstDone: 32 });
    send({ type: 'cell-done', id: ID, outcome: done[0] });
    expect(s().robustProgress).toBeNull();
    expect(s().cellOutcomes).toEqual([done[0]]);

    // The next cell: the live charts start again; the first cell's results stay in the study.
    send({ type: 'cell', id: ID, cell: done[1].cell, of: 3 });
    expect(s().results).toEqual([]);
    expect(s().stepSeries).toEqual({});
    expect(s().epochs).toEqual({});
    expect(s().lastSample).toBeNull();
    expect(s().currentPhase).toBeNull();
    expect(s().currentCell?.cell.seed).toBe(2);
    expect(s().cellOutcomes).toHaveLength(1);

    trainCell(1);
    send({ type: 'cell-done', id: ID, outcome: done[1] });
    trainCell(2);
    send({ type: 'cell-done', id: ID, outcome: done[2] });
    const summary = selStudySummary(s());
    expect(selStudySummary(s())).toBe(summary); // memoised: one computation per store change
    expect(summary?.groups[0].seeds).toEqual([1, 2, 3]);
    const kd = summary?.groups[0].comparisons.find((c) => c.modelId === 'student-2');
    expect(kd?.refId).toBe('student-1');
    expect(kd?.clean?.n).toBe(3);
    expect(kd?.clean?.mean).toBeCloseTo(0.01, 10);
    expect(kd?.clean?.favour).toBe(3);
  });

  it('keep the last report of a cell sent twice, ignore another run, and start empty with a new run', async () => {
    send({ type: 'started', id: ID, config: cfg, dataset });
    send({ type: 'cell-done', id: ID, outcome: done[0] });
    send({ type: 'cell-done', id: ID, outcome: done[0] });
    send({ type: 'cell-done', id: ID + 1, outcome: done[1] }); // an older run's late event
    expect(s().cellOutcomes).toEqual([done[0]]);
    expect(selStudySummary(s())?.groups[0].seeds).toEqual([1]);

    // A new run (train() → beginRunWith) starts with an empty study, before any of its events.
    const tiny = studyConfig(undefined, [{ method: 'student-alone' }]);
    useStore.setState({ status: 'idle', studyView: 2, backendPending: false, jsonErrors: [] });
    s().setJsonText(JSON.stringify(tiny));
    expect(s().applyJson()).toBe(true);
    s().train();
    expect(s().status).toBe('starting');
    expect(s().cellOutcomes).toEqual([]);
    expect(s().currentCell).toBeNull();
    expect(s().studyView).toBe(0);
    expect(selStudySummary(s())).toBeNull();
    await until(() => s().status === 'done' || s().status === 'error');
    expect(s().runError).toBeNull();
  });
});

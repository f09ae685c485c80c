// What a lane says at each point of a run, from real-shaped plan/phase/epoch records.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import type { EpochMetrics, ModelResult, PhaseInfo } from '../../../core/train/events';
import { planPhases } from '../../../core/train/plan';
import { laneState, type LaneRun } from './laneState';

const plan = planPhases(defaultConfig()); // teacher, then S1 … S4
const phase = (id: string, over: Partial<PhaseInfo> = {}): PhaseInfo => {
  const p = plan.find((x) => x.id === id)!;
  return {
    id,
    label: p.label,
    kind: p.kind,
    method: p.method,
    architecture: 'CNN',
    params: 1,
    epochs: p.epochs,
    stepsPerEpoch: 10,
    index: plan.indexOf(p),
    total: plan.length,
    ...over,
  };
};
const epoch = (id: string, n: number, testAcc: number): EpochMetrics => ({
  id,
  epoch: n,
  trainLoss: 1,
  trainAcc: 0.5,
  testLoss: 1,
  testAcc,
  seconds: 1,
  imgPerSec: 100,
});
const result = (id: string, testAcc: number): ModelResult => ({
  id,
  label: id,
  kind: id === 'teacher' ? 'teacher' : 'student',
  method: plan.find((p) => p.id === id)!.method,
  architecture: 'CNN',
  params: 1,
  testAcc,
  testLoss: 1,
  trainAcc: 1,
  trainLoss: 1,
  seconds: 1,
  imgPerSec: 1,
  history: [],
});
const run = (over: Partial<LaneRun>): LaneRun => ({
  status: 'running',
  plan,
  phases: {},
  results: [],
  epochs: {},
  currentId: null,
  ...over,
});

describe('laneState', () => {
  it('says nothing before the first run', () => {
    expect(laneState('student-1', 'student-alone', run({ plan: [] })).kind).toBe('idle');
  });

  it('follows a model from waiting to its epochs to its test accuracy', () => {
    const waiting = laneState('student-2', 'hinton-kd', run({ currentId: 'teacher' }));
    expect(waiting).toMatchObject({ kind: 'pending', text: 'waiting' });

    const first = laneState(
      'student-2',
      'hinton-kd',
      run({ currentId: 'student-2', phases: { 'student-2': phase('student-2') } }),
    );
    expect(first).toMatchObject({ kind: 'running', text: 'epoch 1/4', progress: 0 });

    const third = laneState(
      'student-2',
      'hinton-kd',
      run({
        currentId: 'student-2',
        phases: { 'student-2': phase('student-2') },
        epochs: { 'student-2': [epoch('student-2', 1, 0.9), epoch('student-2', 2, 0.951)] },
      }),
    );
    expect(third).toMatchObject({ kind: 'running', text: 'epoch 3/4 · 95.1 %', progress: 0.5 });
    expect(third.title).toContain('after epoch 2: 95.10 %');

    const done = laneState('student-2', 'hinton-kd', run({ status: 'done', results: [result('student-2', 0.9734)] }));
    expect(done).toMatchObject({ kind: 'done', text: '97.3 %', progress: 1 });
  });

  it('says when the teacher was reused, when a run failed or stopped, and when a lane changed since the run', () => {
    const reused = laneState(
      'teacher',
      'teacher',
      run({ phases: { teacher: phase('teacher', { reused: true }) }, results: [result('teacher', 0.99)] }),
    );
    expect(reused.text).toBe('99.0 % · reused');
    expect(laneState('student-1', 'student-alone', run({ status: 'error', currentId: 'student-1' })).kind).toBe(
      'failed',
    );
    expect(laneState('student-3', 'fickle-teacher', run({ status: 'stopped', currentId: 'student-1' }))).toMatchObject({
      kind: 'stopped',
      text: 'not trained',
    });
    // S2 switched from Hinton KD to Messy Collaboration after the run: its lane does not show Hinton KD's result.
    expect(
      laneState('student-2', 'messy-collaboration', run({ status: 'done', results: [result('student-2', 0.97)] })),
    ).toMatchObject({ kind: 'stale', text: 'new' });
    expect(laneState('student-9', 'hinton-kd', run({ status: 'done' })).kind).toBe('stale');
  });
});

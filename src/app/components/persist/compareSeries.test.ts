// The compare chart's data from two history runs: test accuracy per epoch per model, styled per run.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import type { ModelResult } from '../../../core/train/events';
import type { RunRecord } from '../../../storage/runs';
import { colorsFor } from '../../lib/colors';
import {
  compareAccTicks,
  compareEpochTicks,
  compareLines,
  compareSummary,
  lastEpoch,
  RUN_STYLES,
} from './compareSeries';

function model(id: string, kind: 'teacher' | 'student', accs: number[]): ModelResult {
  return {
    id,
    label: id,
    kind,
    method: kind,
    architecture: 'CNN',
    params: 10,
    testAcc: accs[accs.length - 1] ?? NaN,
    testLoss: 1,
    trainAcc: 0.5,
    trainLoss: 1,
    seconds: 1,
    imgPerSec: 100,
    history: accs.map((a, i) => ({
      id,
      epoch: i + 1,
      trainLoss: 1,
      trainAcc: 0.5,
      testLoss: 1,
      testAcc: a,
      seconds: 1,
      imgPerSec: 100,
    })),
  };
}

const run = (id: string, results: ModelResult[]): RunRecord => ({
  id,
  savedAt: 0,
  appVersion: 'test',
  config: defaultConfig(),
  backend: { name: 'cpu', adapter: '' },
  status: 'done',
  seconds: 1,
  results,
});

const runs = [
  run('a', [model('teacher', 'teacher', [0.5, 0.75]), model('student-1', 'student', [0.4, NaN, 0.6])]),
  run('b', [model('teacher', 'teacher', [])]),
];

describe('compareLines', () => {
  it('draws every model of each run in its colour and its run style, skipping epochs without a value', () => {
    const lines = compareLines(runs);
    expect(lines.map((l) => [l.key, l.run, l.style])).toEqual([
      ['0:teacher', 'A', RUN_STYLES[0]],
      ['0:student-1', 'A', RUN_STYLES[0]],
      ['1:teacher', 'B', RUN_STYLES[1]],
    ]);
    expect(lines[0].color).toBe(colorsFor(runs[0].results).teacher);
    expect(lines[1].points).toEqual([
      { x: 1, y: 40 },
      { x: 3, y: 60 },
    ]);
    expect(lines[1].title?.(lines[1].points[1])).toBe('Run A · student-1 · epoch 3 · 60.00%');
    expect(lines[1].model).toBeUndefined(); // the curves carry data-run, not data-model
  });
});

describe('axes and summary', () => {
  it('spans the epochs from 1 and the accuracies up to 100 %', () => {
    const lines = compareLines(runs);
    expect(lastEpoch(lines)).toBe(3);
    expect(lastEpoch([])).toBe(1);
    expect(compareEpochTicks(3)).toEqual([1, 2, 3]);
    expect(compareAccTicks(lines)).toEqual([40, 60, 80, 100]);
    expect(compareAccTicks([])).toEqual([95, 100]);
  });
  it('summarises each run by its models latest accuracy', () => {
    const lines = compareLines(runs);
    expect(compareSummary(runs, lines, (r) => r.id)).toBe(
      'Run A (a): teacher 75.0%, student-1 60.0%. Run B (b): no epochs',
    );
  });
});

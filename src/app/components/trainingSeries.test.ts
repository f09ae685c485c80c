// The live charts' data from store state: models and colours, per-epoch points, axis ticks, hover rows. Built on a
// real plan (planPhases of the default config) and real bounded series (appendPoints).
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../core/config/defaults';
import type { EpochMetrics } from '../../core/train/events';
import { planPhases } from '../../core/train/plan';
import { colorsFor } from '../lib/colors';
import { appendPoints, emptySeries } from '../lib/series';
import { RECHARTS_PATH } from './chart/CurvesLayer';
import {
  accRowsAt,
  cleanLossRange,
  cleanLossRowsAt,
  cleanTrainLossOf,
  lossRowsAt,
  lossSummary,
  modelLines,
  selAccTicks,
  selChart,
  selCleanLossTicksLinear,
  selCleanLossTicksLog,
  selLossTicksLinear,
  selLossTicksLog,
  selModels,
  stepPoints,
  summarize,
  testAccOf,
  testLossOf,
  toPoints,
  type ChartState,
} from './trainingSeries';

/** An epoch record; the training objective is 3× the test loss (as a KD objective with T² may be). */
const epoch = (
  id: string,
  e: number,
  testLoss: number,
  trainAcc: number,
  testAcc: number,
  cleanTrainLoss?: number,
): EpochMetrics => ({
  id,
  epoch: e,
  trainLoss: 3 * testLoss,
  trainAcc,
  testLoss,
  testAcc,
  ...(cleanTrainLoss !== undefined ? { cleanTrainLoss, cleanTrainAcc: trainAcc } : {}),
  seconds: 1,
  imgPerSec: 100,
});

function state(): ChartState {
  const runConfig = defaultConfig();
  const plan = planPhases(runConfig);
  const steps = (from: number) =>
    appendPoints(
      emptySeries(),
      [0.25, 0.5, 0.75, 1].map((x, i) => ({ x, y: from / (i + 1) })),
    );
  return {
    runConfig,
    plan,
    phases: {},
    stepSeries: { teacher: steps(2.4), 'student-1': steps(0.8) },
    epochs: {
      teacher: [epoch('teacher', 1, 0.9, 0.7, 0.75, 0.6)],
      // As recorded by a version without the clean training subset.
      'student-1': [epoch('student-1', 1, 1.2, 0.62, NaN)],
    },
  };
}

describe('selModels', () => {
  it('lists the models of the plan in their colours, one array while nothing changes', () => {
    const s = state();
    const models = selModels(s);
    const colors = colorsFor(s.plan);
    expect(models.map((m) => m.id)).toEqual(s.plan.map((m) => m.id));
    expect(models.every((m) => m.color === colors[m.id])).toBe(true);
    expect(selModels(s)).toBe(models);
    // A new phases object with the same labels keeps the array (no legend re-render on a 'phase' message).
    expect(selModels({ ...s, phases: { ...s.phases } })).toBe(models);
  });
  it('takes a label from a started phase', () => {
    const s = state();
    const id = s.plan[1].id;
    const phase = { id, label: 'S1 renamed' } as ChartState['phases'][string];
    expect(selModels({ ...s, phases: { [id]: phase } })[1].label).toBe('S1 renamed');
  });
});

describe('selChart', () => {
  it('keeps its object until the epochs or the models change', () => {
    const s = state();
    const a = selChart(s);
    expect(a.maxEpochs).toBe(Math.max(s.runConfig!.teacher.epochs, s.runConfig!.student.epochs));
    expect(selChart({ ...s, stepSeries: {} })).toBe(a);
    expect(selChart({ ...s, epochs: { ...s.epochs } })).not.toBe(a);
  });
});

describe('points', () => {
  it('turns epochs into points from epoch 1, without non-finite values, one array per unchanged list', () => {
    const s = state();
    const acc = toPoints(s.epochs, testAccOf);
    expect(acc.teacher).toEqual([{ x: 1, y: 75 }]);
    expect(acc['student-1']).toEqual([]);
    expect(toPoints(s.epochs, testAccOf).teacher).toBe(acc.teacher);
    expect(toPoints(s.epochs, testLossOf)['student-1']).toEqual([{ x: 1, y: 1.2 }]);
  });
  it('reads the clean train cross-entropy per epoch; a record without it has no point', () => {
    const s = state();
    const pts = toPoints(s.epochs, cleanTrainLossOf);
    expect(pts.teacher).toEqual([{ x: 1, y: 0.6 }]);
    expect(pts['student-1']).toEqual([]);
    expect(toPoints(s.epochs, cleanTrainLossOf).teacher).toBe(pts.teacher);
    // A list that grows gets new points.
    const grown = { ...s.epochs, teacher: [...s.epochs.teacher, epoch('teacher', 2, 0.5, 0.8, 0.8, 0.3)] };
    expect(toPoints(grown, cleanTrainLossOf).teacher).toEqual([
      { x: 1, y: 0.6 },
      { x: 2, y: 0.3 },
    ]);
  });
  it('reads the step curves, one array per unchanged series', () => {
    const s = state();
    const pts = stepPoints(s.stepSeries);
    expect(pts.teacher.map((p) => p.x)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(stepPoints(s.stepSeries).teacher).toBe(pts.teacher);
  });
  it('makes one line per model with points, in the models order', () => {
    const s = state();
    const models = selModels(s);
    const style = { kind: 'test-acc', width: 3, pathClass: RECHARTS_PATH };
    const lines = modelLines(models, toPoints(s.epochs, testAccOf), style);
    expect(lines.map((l) => l.model)).toEqual(['teacher']);
    expect(lines[0].color).toBe(models[0].color);
    expect(lines[0].style).toBe(style);
  });
});

describe('axes', () => {
  it('covers every loss on the step curves and test losses', () => {
    const s = state();
    expect(selLossTicksLinear(s)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(selLossTicksLog(s)).toEqual([0.1, 1, 10]);
    expect(selLossTicksLinear({ ...s, stepSeries: {}, epochs: {} })).toEqual([0, 0.5, 1]);
  });
  it('covers clean train and test cross-entropy in the clean view, not the step objective', () => {
    const s = state();
    expect(cleanLossRange(s)).toEqual([0.6, 1.2]);
    expect(selCleanLossTicksLinear(s)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25]);
    expect(selCleanLossTicksLog(s)).toEqual([0.1, 1, 10]);
    // The step objective (up to 2.4 here) does not stretch the clean axis.
    expect(selLossTicksLinear(s).at(-1)).toBeGreaterThan(selCleanLossTicksLinear(s).at(-1)!);
    expect(selCleanLossTicksLinear({ ...s, epochs: {} })).toEqual([0, 0.5, 1]);
  });
  it('starts the accuracy axis below the lowest train or test accuracy', () => {
    expect(selAccTicks(state())).toEqual([60, 70, 80, 90, 100]);
    expect(selAccTicks({ ...state(), epochs: {} })).toEqual([0, 25, 50, 75, 100]);
  });
});

describe('hover rows and summary', () => {
  it('objective view: the training objective at the nearest step, test CE at whole epochs only', () => {
    const s = state();
    const models = selModels(s);
    expect(lossRowsAt(s, models, 0.52)).toEqual([
      { id: 'teacher', what: 'train objective', value: 1.2 },
      { id: 'student-1', what: 'train objective', value: 0.4 },
    ]);
    expect(lossRowsAt(s, models, 1).map((r) => [r.id, r.what])).toEqual([
      ['teacher', 'train objective'],
      ['student-1', 'train objective'],
      ['teacher', 'test CE'],
      ['student-1', 'test CE'],
    ]);
  });
  it('clean view: clean train CE then test CE at whole epochs, skipping what a record lacks', () => {
    const s = state();
    const models = selModels(s);
    expect(cleanLossRowsAt(s, models, 1)).toEqual([
      { id: 'teacher', what: 'train CE', value: 0.6 },
      { id: 'teacher', what: 'test CE', value: 0.9 },
      { id: 'student-1', what: 'test CE', value: 1.2 },
    ]);
    expect(cleanLossRowsAt(s, models, 0.5)).toEqual([]);
  });
  it('reads accuracies in % at whole epochs, skipping values that are not numbers', () => {
    const s = state();
    const models = selModels(s);
    expect(accRowsAt(s, models, 1)).toEqual([
      { id: 'teacher', what: 'train acc', value: 70 },
      { id: 'student-1', what: 'train acc', value: 62 },
      { id: 'teacher', what: 'test acc', value: 75 },
    ]);
    expect(accRowsAt(s, models, 1.5)).toEqual([]);
  });
  it('summarises the latest epoch of every model that has one', () => {
    const s = state();
    const text = summarize(selModels(s), s.epochs, (e) => `test loss ${e.testLoss.toFixed(3)}`);
    expect(text).toBe(
      `${s.plan[0].label}: test loss 0.900 after epoch 1; ${s.plan[1].label}: test loss 1.200 after epoch 1`,
    );
    expect(summarize(selModels(s), {}, () => '')).toBe('No data yet.');
  });
  it('summarises the loss chart per view: clean train and test CE, or test CE beside the objective', () => {
    const s = state();
    const [t, s1] = s.plan.map((p) => p.label);
    expect(lossSummary('clean', selModels(s), s.epochs)).toBe(
      `${t}: train CE 0.600, test CE 0.900 after epoch 1; ${s1}: test CE 1.200 after epoch 1`,
    );
    expect(lossSummary('objective', selModels(s), s.epochs)).toBe(
      `${t}: test CE 0.900 after epoch 1; ${s1}: test CE 1.200 after epoch 1`,
    );
  });
});

// The live training charts' data, from the store's state: the models with their colours, per-epoch metrics as
// points, the loss and accuracy axes' ticks, and the hover read-out's rows, for each view of the loss chart (LossView). Pure functions of the state (no DOM, no
// React): memoised so that a part that did not change keeps its object, and a curve that did not change is not
// redrawn (see Charts.tsx).
import type { EpochMetrics } from '../../core/train/events';
import { colorsFor } from '../lib/colors';
import { visiblePoints, type Point, type Series } from '../lib/series';
import type { Store } from '../store/types';
import type { Line, CurveStyle } from './chart/CurvesLayer';
import { nearestY } from './chart/geometry';
import type { Row } from './chart/HoverReadout';
import type { LegendItem } from './chart/Legend';
import { decadeTicks, niceTicks, percentTicks } from './chart/ticks';

export type ChartState = Pick<Store, 'plan' | 'phases' | 'runConfig' | 'epochs' | 'stepSeries'>;

// The models of the run with their colours; a new array only when a model or a label changes (not on every
// 'phase' message), so the charts and the legend do not re-render when a phase starts.
let modelsIn: [Store['plan'], Store['phases']] | null = null;
let modelsOut: LegendItem[] = [];
export function selModels(s: Pick<Store, 'plan' | 'phases'>): LegendItem[] {
  if (modelsIn && modelsIn[0] === s.plan && modelsIn[1] === s.phases) return modelsOut;
  const colors = colorsFor(s.plan);
  const next = s.plan.map((m) => ({ id: m.id, label: s.phases[m.id]?.label ?? m.label, color: colors[m.id] }));
  modelsIn = [s.plan, s.phases];
  if (!sameModels(next, modelsOut)) modelsOut = next;
  return modelsOut;
}
function sameModels(a: LegendItem[], b: LegendItem[]): boolean {
  return (
    a.length === b.length && a.every((m, i) => m.id === b[i].id && m.label === b[i].label && m.color === b[i].color)
  );
}

const selMaxEpochs = (s: ChartState) =>
  s.runConfig ? Math.max(s.runConfig.teacher.epochs, s.runConfig.student.epochs) : 1;

/**
 * Everything a chart shows except the step curves, as one value (a new object only when a part changes), so that
 * each chart follows it with one throttled subscription: the two charts then redraw one after the other.
 */
export interface ChartInput {
  models: LegendItem[];
  maxEpochs: number;
  epochs: Store['epochs'];
}
let chartOut: ChartInput = { models: [], maxEpochs: 1, epochs: {} };
export function selChart(s: ChartState): ChartInput {
  const models = selModels(s);
  const maxEpochs = selMaxEpochs(s);
  if (chartOut.models !== models || chartOut.maxEpochs !== maxEpochs || chartOut.epochs !== s.epochs)
    chartOut = { models, maxEpochs, epochs: s.epochs };
  return chartOut;
}
export const selHasData = (s: ChartState) => Object.keys(s.stepSeries).length > 0 || Object.keys(s.epochs).length > 0;
export const selSteps = (s: ChartState) => s.stepSeries;

// A series (or epoch list) that did not change keeps its points array, so its curve is not redrawn.
const visibleCache = new WeakMap<Series, Point[]>();
function cachedVisible(s: Series): Point[] {
  let p = visibleCache.get(s);
  if (!p) visibleCache.set(s, (p = visiblePoints(s)));
  return p;
}

/** The per-step training-loss points of every model. */
export function stepPoints(stepSeries: Record<string, Series>): Record<string, Point[]> {
  const out: Record<string, Point[]> = {};
  for (const [id, s] of Object.entries(stepSeries)) out[id] = cachedVisible(s);
  return out;
}

/**
 * What the loss chart shows. 'clean': cross-entropy on the true labels of clean images after each epoch, on the
 * training subset and the test set, the same quantity for every model. 'objective': each model's training
 * objective per step (KD with T², on noisy inputs or corrupted labels, by method), with the clean test loss.
 */
export type LossView = 'clean' | 'objective';

export const testLossOf = (e: EpochMetrics) => e.testLoss;
/** NaN (no point) in records from versions that did not measure it. */
export const cleanTrainLossOf = (e: EpochMetrics) => e.cleanTrainLoss ?? NaN;
export const trainAccOf = (e: EpochMetrics) => e.trainAcc * 100;
export const testAccOf = (e: EpochMetrics) => e.testAcc * 100;
const pointCaches = new Map<(e: EpochMetrics) => number, WeakMap<EpochMetrics[], Point[]>>();

/** Per-epoch metric as points starting from the epoch it completes (x = 1, 2, ...). `f` must be stable. */
export function toPoints(
  epochs: Record<string, EpochMetrics[]>,
  f: (e: EpochMetrics) => number,
): Record<string, Point[]> {
  let cache = pointCaches.get(f);
  if (!cache) pointCaches.set(f, (cache = new WeakMap()));
  const out: Record<string, Point[]> = {};
  for (const [id, list] of Object.entries(epochs)) {
    let pts = cache.get(list);
    if (!pts) {
      pts = list.map((e) => ({ x: e.epoch, y: f(e) })).filter((p) => Number.isFinite(p.y));
      cache.set(list, pts);
    }
    out[id] = pts;
  }
  return out;
}

/** One curve per model that has points, in the models' order and colours. */
export function modelLines(models: LegendItem[], points: Record<string, Point[]>, style: CurveStyle): Line[] {
  return models.flatMap((m) => {
    const pts = points[m.id];
    return pts?.length ? [{ key: m.id, model: m.id, color: m.color, points: pts, style }] : [];
  });
}

// ---- Axes: fixed ticks computed from the data, which change only when the data outgrows them ---------------------

const rangeCache = new WeakMap<Series, [number, number]>();
function seriesRange(s: Series): [number, number] {
  let r = rangeCache.get(s);
  if (!r) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const { y } of cachedVisible(s)) {
      if (!Number.isFinite(y)) continue;
      if (y > 0 && y < lo) lo = y;
      if (y > hi) hi = y;
    }
    rangeCache.set(s, (r = [lo, hi]));
  }
  return r;
}

/** Smallest positive and largest of the epochs' values `fs`, widening `range`. */
function epochsRange(
  epochs: Record<string, EpochMetrics[]>,
  fs: ((e: EpochMetrics) => number)[],
  range: [number, number],
): [number, number] {
  let [lo, hi] = range;
  for (const list of Object.values(epochs))
    for (const e of list)
      for (const f of fs) {
        const v = f(e);
        if (!Number.isFinite(v)) continue;
        if (v > 0) lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
  return [lo, hi];
}

/** Smallest positive and largest loss of everything on the loss chart's objective view: step curves, test loss. */
export function lossRange(s: Pick<Store, 'stepSeries' | 'epochs'>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const series of Object.values(s.stepSeries)) {
    const [a, b] = seriesRange(series);
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  return epochsRange(s.epochs, [testLossOf], [lo, hi]);
}

/** The same for the clean view: clean train and test cross-entropy. */
export const cleanLossRange = (s: Pick<Store, 'epochs'>): [number, number] =>
  epochsRange(s.epochs, [cleanTrainLossOf, testLossOf], [Infinity, -Infinity]);

export const selLossTicksLinear = (s: ChartState): number[] => niceTicks(lossRange(s)[1]);
export const selLossTicksLog = (s: ChartState): number[] => decadeTicks(...lossRange(s));
export const selCleanLossTicksLinear = (s: ChartState): number[] => niceTicks(cleanLossRange(s)[1]);
export const selCleanLossTicksLog = (s: ChartState): number[] => decadeTicks(...cleanLossRange(s));

/** From a multiple of 5 at or below the lowest accuracy up to 100 %, in at most 4 round steps. */
export function selAccTicks(s: ChartState): number[] {
  let min = Infinity;
  for (const list of Object.values(s.epochs))
    for (const e of list) for (const v of [e.trainAcc, e.testAcc]) if (Number.isFinite(v)) min = Math.min(min, v * 100);
  return percentTicks(min, [5, 10, 15, 20, 25], 4);
}

/** The accessible summary of the loss chart in a view: each model's latest clean losses. */
export function lossSummary(view: LossView, models: LegendItem[], epochs: Record<string, EpochMetrics[]>): string {
  return summarize(models, epochs, (e) =>
    view === 'clean' && e.cleanTrainLoss !== undefined
      ? `train CE ${e.cleanTrainLoss.toFixed(3)}, test CE ${e.testLoss.toFixed(3)}`
      : `test CE ${e.testLoss.toFixed(3)}`,
  );
}

/** The accessible summary of a chart: each model's latest epoch. */
export function summarize(
  models: LegendItem[],
  epochs: Record<string, EpochMetrics[]>,
  f: (e: EpochMetrics) => string,
): string {
  const parts = models.flatMap((m) => {
    const last = epochs[m.id]?.at(-1);
    return last ? [`${m.label}: ${f(last)} after epoch ${last.epoch}`] : [];
  });
  return parts.length ? parts.join('; ') : 'No data yet.';
}

// ---- Hover read-out: the values of every model at the hovered epoch position --------------------------------------

/** Hover positions: the loss chart follows the step curves in 1/50 epoch steps (whole epochs included). */
export const snapLoss = (x: number) => Math.round(x * 50) / 50;
/** The accuracy chart has values at whole epochs only. */
export const snapEpoch = (x: number) => Math.round(x);
export const epochHeading = (x: number) => `epoch ${x.toFixed(2)}`;

/** The epoch record at `x`, when `x` is (about) a whole epoch. */
function epochAt(s: Pick<Store, 'epochs'>, id: string, x: number): EpochMetrics | undefined {
  const k = Math.round(x);
  if (Math.abs(x - k) > 1e-6) return undefined;
  return s.epochs[id]?.find((e) => e.epoch === k);
}

/** Objective view: every model's training objective at `x` (the nearest kept step), then its test CE at a whole epoch. */
export function lossRowsAt(s: Pick<Store, 'stepSeries' | 'epochs'>, models: LegendItem[], x: number): Row[] {
  const rows: Row[] = [];
  for (const m of models) {
    const series = s.stepSeries[m.id];
    const v = series ? nearestY(cachedVisible(series), x) : null;
    if (v !== null && Number.isFinite(v)) rows.push({ id: m.id, what: 'train objective', value: v });
  }
  for (const m of models) {
    const e = epochAt(s, m.id, x);
    if (e && Number.isFinite(e.testLoss)) rows.push({ id: m.id, what: 'test CE', value: e.testLoss });
  }
  return rows;
}

/** Clean view: every model's clean train CE, then its test CE, at a whole epoch `x`. */
export function cleanLossRowsAt(s: Pick<Store, 'epochs'>, models: LegendItem[], x: number): Row[] {
  return epochRows(s, models, x, [
    ['train CE', cleanTrainLossOf],
    ['test CE', testLossOf],
  ]);
}

/** For each metric in turn, every model's value at a whole epoch `x` (values that are not numbers skipped). */
function epochRows(
  s: Pick<Store, 'epochs'>,
  models: LegendItem[],
  x: number,
  metrics: [string, (e: EpochMetrics) => number][],
): Row[] {
  const rows: Row[] = [];
  for (const [what, f] of metrics)
    for (const m of models) {
      const e = epochAt(s, m.id, x);
      const v = e ? f(e) : NaN;
      if (Number.isFinite(v)) rows.push({ id: m.id, what, value: v });
    }
  return rows;
}

/** Every model's train accuracy, then its test accuracy (%), at a whole epoch `x`. */
export function accRowsAt(s: Pick<Store, 'epochs'>, models: LegendItem[], x: number): Row[] {
  return epochRows(s, models, x, [
    ['train acc', trainAccOf],
    ['test acc', testAccOf],
  ]);
}

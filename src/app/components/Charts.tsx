// Live loss and accuracy curves for every model in one comparable view: one colour per model across both charts.
//
// Keeping the main thread free during a run. Recharts draws the frame of each chart (axes, grid, labels, responsive
// size); the curves and the hover read-out are plain SVG that we draw inside it with the chart's own scales
// (useXAxisScale / useYAxisScale). As recharts <Line>s, every redraw made recharts recompute the whole chart: its
// internal store re-derives the axes from all points (a number x axis is "categorical" in a horizontal chart, so
// its ticks span every point) and re-renders every line, and these store updates render synchronously, in one
// long task, after each commit. Now:
// - the axes get fixed props (ticks and domains we compute, memoised), so recharts recomputes only when an axis
//   really changes (a new run, the loss outgrowing its axis, the log toggle, a resize);
// - a redraw re-renders one memoised path, the one whose data grew;
// - views follow the store through transition subscriptions (React renders them in small slices), the charts at
//   most once per REDRAW_MS and never both in the same task (useThrottledStore spaces redraws).
// Each curve keeps the classes of a recharts line (`recharts-line`), one per series, so the page reads as before.
import { memo, useId, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import {
  CartesianGrid,
  LineChart,
  ResponsiveContainer,
  usePlotArea,
  useXAxisScale,
  useYAxisScale,
  XAxis,
  YAxis,
} from 'recharts';
import type { EpochMetrics } from '../../core/train/events';
import { colorsFor } from '../lib/colors';
import { ChartPngButton } from './ChartPngButton';
import { visiblePoints, type Point, type Series } from '../lib/series';
import { useStore, type Store } from '../store';
import { sameItems, useDeferredStore } from '../store/useDeferredStore';
import { useThrottledStore } from '../store/useThrottledStore';

/** The step curves redraw at most this often while a run is going. */
const REDRAW_MS = 700;

const AXIS_FONT = { fontSize: 16, fill: '#1a1a1a' };
const CHART_HEIGHT = 340;
const MARGIN = { top: 8, right: 24, bottom: 28, left: 16 };
const GRID_STROKE = '#d9d9d9';
const X_LABEL = { value: 'epoch', position: 'insideBottom', offset: -16, ...AXIS_FONT } as const;
const LOSS_LABEL = { value: 'loss', angle: -90, position: 'insideLeft', ...AXIS_FONT } as const;
const ACC_LABEL = { value: 'accuracy (%)', angle: -90, position: 'insideLeft', ...AXIS_FONT } as const;

interface ModelLine {
  id: string;
  label: string;
  color: string;
}

interface CurveStyle {
  kind: string;
  width: number;
  dash?: string;
  /** Dot radius at every point (the per-epoch curves). */
  dot?: number;
}
const TRAIN_LOSS: CurveStyle = { kind: 'train-loss', width: 2.5 };
const TEST_LOSS: CurveStyle = { kind: 'test-loss', width: 3, dash: '8 5', dot: 4 };
const TRAIN_ACC: CurveStyle = { kind: 'train-acc', width: 2.5, dash: '2 4', dot: 3 };
const TEST_ACC: CurveStyle = { kind: 'test-acc', width: 3, dot: 4 };

// ---- Store selectors -------------------------------------------------------------------------------------------

// The models of the run with their colours; a new array only when a model or a label changes (not on every
// 'phase' message), so the charts and the legend do not re-render when a phase starts.
let modelsIn: [Store['plan'], Store['phases']] | null = null;
let modelsOut: ModelLine[] = [];
function selModels(s: Store): ModelLine[] {
  if (modelsIn && modelsIn[0] === s.plan && modelsIn[1] === s.phases) return modelsOut;
  const colors = colorsFor(s.plan);
  const next = s.plan.map((m) => ({ id: m.id, label: s.phases[m.id]?.label ?? m.label, color: colors[m.id] }));
  modelsIn = [s.plan, s.phases];
  if (!sameModels(next, modelsOut)) modelsOut = next;
  return modelsOut;
}
function sameModels(a: ModelLine[], b: ModelLine[]): boolean {
  return (
    a.length === b.length && a.every((m, i) => m.id === b[i].id && m.label === b[i].label && m.color === b[i].color)
  );
}

const selMaxEpochs = (s: Store) => (s.runConfig ? Math.max(s.runConfig.teacher.epochs, s.runConfig.student.epochs) : 1);

/**
 * Everything a chart shows except the step curves, as one value (a new object only when a part changes), so that
 * each chart follows it with one throttled subscription: the two charts then redraw one after the other.
 */
interface ChartInput {
  models: ModelLine[];
  maxEpochs: number;
  epochs: Store['epochs'];
}
let chartOut: ChartInput = { models: [], maxEpochs: 1, epochs: {} };
function selChart(s: Store): ChartInput {
  const models = selModels(s);
  const maxEpochs = selMaxEpochs(s);
  if (chartOut.models !== models || chartOut.maxEpochs !== maxEpochs || chartOut.epochs !== s.epochs)
    chartOut = { models, maxEpochs, epochs: s.epochs };
  return chartOut;
}
const selHasData = (s: Store) => Object.keys(s.stepSeries).length > 0 || Object.keys(s.epochs).length > 0;
const selSteps = (s: Store) => s.stepSeries;

// A series (or epoch list) that did not change keeps its points array, so its curve is not redrawn.
const visibleCache = new WeakMap<Series, Point[]>();
function cachedVisible(s: Series): Point[] {
  let p = visibleCache.get(s);
  if (!p) visibleCache.set(s, (p = visiblePoints(s)));
  return p;
}

const testLossOf = (e: EpochMetrics) => e.testLoss;
const trainAccOf = (e: EpochMetrics) => e.trainAcc * 100;
const testAccOf = (e: EpochMetrics) => e.testAcc * 100;
const pointCaches = new Map<(e: EpochMetrics) => number, WeakMap<EpochMetrics[], Point[]>>();

/** Per-epoch metric as points starting from the epoch it completes (x = 1, 2, ...). */
function toPoints(epochs: Record<string, EpochMetrics[]>, f: (e: EpochMetrics) => number): Record<string, Point[]> {
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

// ---- Axes: fixed ticks computed from the data, which change only when the data outgrows them ---------------------

const round = (v: number) => Number(v.toPrecision(12));

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

/** Smallest positive and largest loss of everything on the loss chart. */
function lossRange(s: Store): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const series of Object.values(s.stepSeries)) {
    const [a, b] = seriesRange(series);
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  for (const list of Object.values(s.epochs))
    for (const e of list)
      if (Number.isFinite(e.testLoss)) {
        if (e.testLoss > 0) lo = Math.min(lo, e.testLoss);
        hi = Math.max(hi, e.testLoss);
      }
  return [lo, hi];
}

/** 0 up to a round number at or above the largest loss, in at most 5 round steps. */
function selLossTicksLinear(s: Store): number[] {
  const max = lossRange(s)[1];
  if (!(max > 0)) return [0, 0.5, 1];
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((v) => v >= raw) ?? 10 * p;
  const n = Math.max(1, Math.ceil(round(max / step)));
  return Array.from({ length: n + 1 }, (_, i) => round(i * step));
}

/** Whole decades around the losses. */
function selLossTicksLog(s: Store): number[] {
  const [min, max] = lossRange(s);
  if (!(min > 0) || !(max > 0)) return [0.1, 1, 10];
  const a = Math.floor(Math.log10(min));
  const b = Math.max(a + 1, Math.ceil(Math.log10(max)));
  const every = Math.ceil((b - a) / 8);
  const out: number[] = [];
  for (let k = a; k <= b; k += every) out.push(round(10 ** k));
  if (out[out.length - 1] < round(10 ** b)) out.push(round(10 ** b));
  return out;
}

/** From a multiple of 5 at or below the lowest accuracy up to 100 %, in at most 4 round steps. */
function selAccTicks(s: Store): number[] {
  let min = Infinity;
  for (const list of Object.values(s.epochs))
    for (const e of list) for (const v of [e.trainAcc, e.testAcc]) if (Number.isFinite(v)) min = Math.min(min, v * 100);
  const lo = Number.isFinite(min) ? Math.max(0, Math.floor(min / 5) * 5) : 0;
  const span = 100 - lo;
  if (span <= 0) return [95, 100];
  const step = [5, 10, 15, 20, 25].find((v) => Math.ceil(span / v) <= 4) ?? 25;
  const n = Math.ceil(span / step);
  return Array.from({ length: n + 1 }, (_, i) => Math.max(0, 100 - (n - i) * step));
}

function lossTick(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) >= 1e4 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
}
const accTick = (v: number) => `${v}`;

function epochTicks(max: number): number[] {
  const step = max <= 10 ? 1 : Math.ceil(max / 10);
  const out: number[] = [];
  for (let e = 0; e <= max; e += step) out.push(e);
  return out;
}

/** Hover positions: the loss chart follows the step curves in 1/50 epoch steps (whole epochs included). */
const snapLoss = (x: number) => Math.round(x * 50) / 50;
/** The accuracy chart has values at whole epochs only. */
const snapEpoch = (x: number) => Math.round(x);

// ---- Components ------------------------------------------------------------------------------------------------

export const Charts = memo(function Charts() {
  const models = useDeferredStore(selModels);
  const hasData = useDeferredStore(selHasData);
  return (
    <section className="panel charts" aria-labelledby="charts-heading">
      <h2 id="charts-heading">Training curves</h2>
      {models.length ? <Legend models={models} /> : null}
      {!hasData ? <p className="muted empty">Curves appear here as soon as training starts.</p> : null}
      <div className="chart-grid">
        <LossChart />
        <AccChart />
      </div>
    </section>
  );
});

const Legend = memo(function Legend({ models }: { models: ModelLine[] }) {
  return (
    <div className="legend">
      <ul aria-label="Models">
        {models.map((m) => (
          <li key={m.id}>
            <span className="swatch" style={{ background: m.color }} aria-hidden="true" />
            {m.label}
          </li>
        ))}
      </ul>
      <div className="legend-styles muted" aria-label="Line styles">
        <span>
          <svg width="34" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="34" y2="5" stroke="#333" strokeWidth="3" />
          </svg>{' '}
          train loss per step / test accuracy
        </span>
        <span>
          <svg width="34" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="34" y2="5" stroke="#333" strokeWidth="3" strokeDasharray="8 5" />
          </svg>{' '}
          test loss per epoch
        </span>
        <span>
          <svg width="34" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="34" y2="5" stroke="#333" strokeWidth="3" strokeDasharray="2 4" />
          </svg>{' '}
          train accuracy
        </span>
      </div>
    </div>
  );
});

/** The frame of one chart: recharts axes and grid with fixed props, and our curve layers as children. */
function Frame(props: {
  xDomain: number[];
  xTicks: number[];
  yDomain: number[];
  yTicks: number[];
  yScale?: 'linear' | 'log';
  yLabel: typeof LOSS_LABEL | typeof ACC_LABEL;
  yTickFormatter: (v: number) => string;
  children: ReactNode;
}) {
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <LineChart margin={MARGIN}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis
          type="number"
          dataKey="x"
          domain={props.xDomain}
          ticks={props.xTicks}
          tick={AXIS_FONT}
          allowDataOverflow
          // Show the given ticks as they are: the default measures every label in the DOM (a forced layout), for
          // the axis and again for the grid, whenever the axis changes.
          interval={0}
          label={X_LABEL}
        />
        <YAxis
          type="number"
          tick={AXIS_FONT}
          width={64}
          scale={props.yScale ?? 'linear'}
          domain={props.yDomain}
          ticks={props.yTicks}
          allowDataOverflow
          interval={0}
          tickFormatter={props.yTickFormatter}
          label={props.yLabel}
        />
        {props.children}
      </LineChart>
    </ResponsiveContainer>
  );
}

const LossChart = memo(function LossChart() {
  const { models, maxEpochs, epochs } = useThrottledStore(selChart, REDRAW_MS);
  const [log, setLog] = useState(false);
  const linTicks = useDeferredStore(selLossTicksLinear, sameItems);
  const logTicks = useDeferredStore(selLossTicksLog, sameItems);
  const yTicks = log ? logTicks : linTicks;
  const yDomain = useMemo(() => [yTicks[0], yTicks[yTicks.length - 1]], [yTicks]);
  const xTicks = useMemo(() => epochTicks(maxEpochs), [maxEpochs]);
  const xDomain = useMemo(() => [0, maxEpochs], [maxEpochs]);
  const testLoss = useMemo(() => toPoints(epochs, testLossOf), [epochs]);
  const summary = summarize(models, epochs, (e) => `test loss ${e.testLoss.toFixed(3)}`);

  return (
    <figure className="chart" data-testid="loss-chart" aria-label={`Loss chart. ${summary}`}>
      <figcaption>
        Loss
        <label className="inline-check">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> log scale
        </label>
        <ChartPngButton title="Loss" legend={models} name="loss-chart" />
      </figcaption>
      <Frame
        xDomain={xDomain}
        xTicks={xTicks}
        yDomain={yDomain}
        yTicks={yTicks}
        yScale={log ? 'log' : 'linear'}
        yLabel={LOSS_LABEL}
        yTickFormatter={lossTick}
      >
        <StepCurves models={models} />
        <Curves models={models} points={testLoss} style={TEST_LOSS} />
        <Hover models={models} xDomain={xDomain} snap={snapLoss} rows={lossRows} />
      </Frame>
    </figure>
  );
});

/** The per-step training-loss curves: the only data that changes several times a second, so it has its own
 * (throttled) subscription and a redraw re-renders nothing else. */
const StepCurves = memo(function StepCurves({ models }: { models: ModelLine[] }) {
  const stepSeries = useThrottledStore(selSteps, REDRAW_MS);
  const points = useMemo(() => {
    const out: Record<string, Point[]> = {};
    for (const [id, s] of Object.entries(stepSeries)) out[id] = cachedVisible(s);
    return out;
  }, [stepSeries]);
  return <Curves models={models} points={points} style={TRAIN_LOSS} />;
});

const AccChart = memo(function AccChart() {
  const { models, maxEpochs, epochs } = useThrottledStore(selChart, REDRAW_MS);
  const yTicks = useDeferredStore(selAccTicks, sameItems);
  const yDomain = useMemo(() => [yTicks[0], yTicks[yTicks.length - 1]], [yTicks]);
  // Accuracy exists only from the end of epoch 1.
  const lo = maxEpochs > 1 ? 1 : 0;
  const xTicks = useMemo(() => epochTicks(maxEpochs).filter((t) => t >= lo), [maxEpochs, lo]);
  const xDomain = useMemo(() => [lo, maxEpochs], [lo, maxEpochs]);
  const train = useMemo(() => toPoints(epochs, trainAccOf), [epochs]);
  const test = useMemo(() => toPoints(epochs, testAccOf), [epochs]);
  const summary = summarize(models, epochs, (e) => `test accuracy ${(e.testAcc * 100).toFixed(2)} %`);

  return (
    <figure className="chart" data-testid="acc-chart" aria-label={`Accuracy chart. ${summary}`}>
      <figcaption>
        Accuracy <ChartPngButton title="Accuracy" legend={models} name="accuracy-chart" />
      </figcaption>
      <Frame
        xDomain={xDomain}
        xTicks={xTicks}
        yDomain={yDomain}
        yTicks={yTicks}
        yLabel={ACC_LABEL}
        yTickFormatter={accTick}
      >
        <Curves models={models} points={train} style={TRAIN_ACC} />
        <Curves models={models} points={test} style={TEST_ACC} />
        <Hover models={models} xDomain={xDomain} snap={snapEpoch} rows={accRows} unit="%" />
      </Frame>
    </figure>
  );
});

type Scale = (v: number) => number | undefined;

/** One curve per model, drawn with the chart's scales (rendered inside the recharts chart). */
const Curves = memo(function Curves(props: {
  models: ModelLine[];
  points: Record<string, Point[]>;
  style: CurveStyle;
}) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const plot = usePlotArea();
  const clipId = useId();
  if (!x || !y || !plot) return null;
  return (
    <g className={`recharts-layer curves curves-${props.style.kind}`}>
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
        </clipPath>
      </defs>
      {props.models.map((m) => {
        const pts = props.points[m.id];
        return pts?.length ? (
          <Curve key={m.id} id={m.id} points={pts} color={m.color} style={props.style} x={x} y={y} clip={clipId} />
        ) : null;
      })}
    </g>
  );
});

const Curve = memo(function Curve(p: {
  id: string;
  points: Point[];
  color: string;
  style: CurveStyle;
  x: Scale;
  y: Scale;
  clip: string;
}) {
  const { d, dots } = useMemo(() => project(p.points, p.x, p.y, !!p.style.dot), [p.points, p.x, p.y, p.style.dot]);
  return (
    <g className={`recharts-layer recharts-line curve-${p.style.kind}`} data-model={p.id}>
      {d ? (
        <path
          className="recharts-curve recharts-line-curve"
          d={d}
          fill="none"
          stroke={p.color}
          strokeWidth={p.style.width}
          strokeDasharray={p.style.dash}
          clipPath={`url(#${p.clip})`}
        />
      ) : null}
      {p.style.dot
        ? dots.map(([cx, cy], i) => (
            <circle key={i} className="recharts-dot" cx={cx} cy={cy} r={p.style.dot} fill={p.color} stroke={p.color} />
          ))
        : null}
    </g>
  );
});

const r1 = (v: number) => Math.round(v * 10) / 10;

/** An SVG polyline through the points (broken where a value has no position, e.g. ≤ 0 on a log scale). */
function project(points: Point[], x: Scale, y: Scale, withDots: boolean): { d: string; dots: [number, number][] } {
  let d = '';
  let pen = false;
  const dots: [number, number][] = [];
  for (const p of points) {
    const px = x(p.x);
    const py = y(p.y);
    if (px == null || py == null || !Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${r1(px)},${r1(py)}`;
    pen = true;
    if (withDots) dots.push([r1(px), r1(py)]);
  }
  return { d, dots };
}

function summarize(
  models: ModelLine[],
  epochs: Record<string, EpochMetrics[]>,
  f: (e: EpochMetrics) => string,
): string {
  const parts = models.flatMap((m) => {
    const last = epochs[m.id]?.at(-1);
    return last ? [`${m.label}: ${f(last)} after epoch ${last.epoch}`] : [];
  });
  return parts.length ? parts.join('; ') : 'No data yet.';
}

// ---- Hover read-out: the values of every model at the hovered epoch position, read from the store when shown ----

interface Row {
  id: string;
  what: string;
  value: number;
}
type RowsAt = (models: ModelLine[], x: number) => Row[];

/** A model's training loss at `x` (the nearest kept step), if its curve reaches there. */
function trainLossAt(id: string, x: number): number | null {
  const s = useStore.getState().stepSeries[id];
  const pts = s ? cachedVisible(s) : [];
  if (!pts.length) return null;
  const first = pts[0];
  const last = pts[pts.length - 1];
  const slack = pts.length > 1 ? (last.x - first.x) / (pts.length - 1) : 0.01;
  if (x < first.x - slack || x > last.x + slack) return null;
  let lo = 0;
  let hi = pts.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (pts[mid].x <= x) lo = mid;
    else hi = mid;
  }
  return Math.abs(pts[lo].x - x) <= Math.abs(pts[hi].x - x) ? pts[lo].y : pts[hi].y;
}

/** The epoch record at `x`, when `x` is (about) a whole epoch. */
function epochAt(id: string, x: number): EpochMetrics | undefined {
  const k = Math.round(x);
  if (Math.abs(x - k) > 1e-6) return undefined;
  return useStore.getState().epochs[id]?.find((e) => e.epoch === k);
}

const lossRows: RowsAt = (models, x) => {
  const rows: Row[] = [];
  for (const m of models) {
    const v = trainLossAt(m.id, x);
    if (v !== null && Number.isFinite(v)) rows.push({ id: m.id, what: 'train loss', value: v });
  }
  for (const m of models) {
    const e = epochAt(m.id, x);
    if (e && Number.isFinite(e.testLoss)) rows.push({ id: m.id, what: 'test loss', value: e.testLoss });
  }
  return rows;
};

const accRows: RowsAt = (models, x) => {
  const rows: Row[] = [];
  for (const what of ['train acc', 'test acc'] as const)
    for (const m of models) {
      const e = epochAt(m.id, x);
      const v = e ? (what === 'train acc' ? e.trainAcc : e.testAcc) * 100 : NaN;
      if (Number.isFinite(v)) rows.push({ id: m.id, what, value: v });
    }
  return rows;
};

/**
 * The hover read-out: a cursor line at the hovered epoch position and a box with every model's values there, read
 * from the store when shown. Its own state, so hovering re-renders nothing else (and costs nothing when idle).
 */
const Hover = memo(function Hover(props: {
  models: ModelLine[];
  xDomain: number[];
  snap: (x: number) => number;
  rows: RowsAt;
  unit?: string;
}) {
  const plot = usePlotArea();
  const xScale = useXAxisScale();
  const [at, setAt] = useState<{ x: number; clientX: number; clientY: number } | null>(null);
  if (!plot || !xScale) return null;
  const [x0, x1] = props.xDomain;
  const move = (e: MouseEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const frac = r.width > 0 ? (e.clientX - r.left) / r.width : 0;
    const x = Math.min(x1, Math.max(x0, props.snap(x0 + frac * (x1 - x0))));
    setAt({ x, clientX: e.clientX, clientY: e.clientY });
  };
  const cx = at ? xScale(at.x) : undefined;
  const rows = at ? props.rows(props.models, at.x) : [];
  const byId = new Map(props.models.map((m) => [m.id, m]));
  const flip = at ? at.clientX > window.innerWidth / 2 : false;
  return (
    <g className="recharts-layer hover-layer">
      {cx !== undefined && Number.isFinite(cx) ? (
        <line
          x1={cx}
          x2={cx}
          y1={plot.y}
          y2={plot.y + plot.height}
          stroke="#999"
          strokeWidth={1}
          pointerEvents="none"
        />
      ) : null}
      <rect
        x={plot.x}
        y={plot.y}
        width={plot.width}
        height={plot.height}
        fill="transparent"
        onMouseMove={move}
        onMouseLeave={() => setAt(null)}
      />
      {at && rows.length
        ? createPortal(
            <div
              className="chart-tooltip chart-tooltip-float"
              role="presentation"
              style={{
                left: at.clientX,
                top: at.clientY,
                transform: flip ? 'translate(calc(-100% - 14px), 14px)' : 'translate(14px, 14px)',
              }}
            >
              <div className="muted">epoch {at.x.toFixed(2)}</div>
              {rows.map((r) => {
                const m = byId.get(r.id);
                return (
                  <div key={`${r.id}|${r.what}`} style={{ color: m?.color }}>
                    {m?.label ?? r.id} · {r.what}: {r.value.toFixed(3)}
                    {props.unit ?? ''}
                  </div>
                );
              })}
            </div>,
            document.body,
          )
        : null}
    </g>
  );
});

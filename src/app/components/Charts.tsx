// Live loss and accuracy curves for every model in one comparable view: one colour per model across both charts.
//
// Keeping the main thread free during a run. Recharts draws the frame of each chart (axes, grid, labels, responsive
// size: chart/ChartFrame); the curves and the hover read-out are plain SVG that we draw inside it with the chart's
// own scales (chart/CurvesLayer, chart/HoverReadout). As recharts <Line>s, every redraw made recharts recompute the
// whole chart: its internal store re-derives the axes from all points (a number x axis is "categorical" in a
// horizontal chart, so its ticks span every point) and re-renders every line, and these store updates render
// synchronously, in one long task, after each commit. Now:
// - the axes get fixed props (ticks and domains we compute, memoised), so recharts recomputes only when an axis
//   really changes (a new run, the loss outgrowing its axis, the log toggle, a resize);
// - a redraw re-renders one memoised path, the one whose data grew;
// - views follow the store through transition subscriptions (React renders them in small slices), the charts at
//   most once per REDRAW_MS and never both in the same task (useThrottledStore spaces redraws).
// The data (store state to points, ticks and hover rows) are pure functions in trainingSeries.ts.
import { memo, useMemo, useState } from 'react';
import { ChartFrame, xLabel, yLabel } from './chart/ChartFrame';
import { ChartPngButton } from './chart/ChartPngButton';
import { CurvesLayer, RECHARTS_PATH, type CurveStyle } from './chart/CurvesLayer';
import { HoverReadout, type Row } from './chart/HoverReadout';
import { LineSample, SwatchList, type LegendItem } from './chart/Legend';
import { epochTicks, lossTick, ticksDomain } from './chart/ticks';
import type { Point } from '../lib/series';
import { useStore } from '../store';
import { sameItems, useDeferredStore } from '../store/useDeferredStore';
import { useThrottledStore } from '../store/useThrottledStore';
import {
  accRowsAt,
  epochHeading,
  lossRowsAt,
  modelLines,
  selAccTicks,
  selChart,
  selHasData,
  selLossTicksLinear,
  selLossTicksLog,
  selModels,
  selSteps,
  snapEpoch,
  snapLoss,
  stepPoints,
  summarize,
  testAccOf,
  testLossOf,
  toPoints,
  trainAccOf,
} from './trainingSeries';

/** The step curves redraw at most this often while a run is going. */
const REDRAW_MS = 700;

const CHART_HEIGHT = 340;
const MARGIN = { top: 8, right: 24, bottom: 28, left: 16 };
const X_LABEL = xLabel('epoch', -16);
const LOSS_LABEL = yLabel('loss');
const ACC_LABEL = yLabel('accuracy (%)');
const Y_WIDTH = 64;

/** A live curve: recharts' classes (the classroom theme styles them), a dot of radius `dot` at each epoch value. */
const liveCurve = (kind: string, width: number, dash?: string, dot?: number): CurveStyle => ({
  kind,
  width,
  dash,
  pathClass: RECHARTS_PATH,
  dot: dot ? { r: dot, className: 'recharts-dot' } : undefined,
});
const TRAIN_LOSS = liveCurve('train-loss', 2.5);
const TEST_LOSS = liveCurve('test-loss', 3, '8 5', 4);
const TRAIN_ACC = liveCurve('train-acc', 2.5, '2 4', 3);
const TEST_ACC = liveCurve('test-acc', 3, undefined, 4);

// The hover read-out reads the store when it is shown, not on every redraw.
const lossRows = (models: LegendItem[], x: number): Row[] => lossRowsAt(useStore.getState(), models, x);
const accRows = (models: LegendItem[], x: number): Row[] => accRowsAt(useStore.getState(), models, x);

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

const Legend = memo(function Legend({ models }: { models: LegendItem[] }) {
  return (
    <div className="legend">
      <SwatchList items={models} label="Models" />
      <div className="legend-styles muted" aria-label="Line styles">
        <StyleKey label="train loss per step / test accuracy" />
        <StyleKey dash={TEST_LOSS.dash} label="test loss per epoch" />
        <StyleKey dash={TRAIN_ACC.dash} label="train accuracy" />
      </div>
    </div>
  );
});

/** A line style and what it shows (the space and the label as two text nodes: one run of text sits a subpixel off). */
function StyleKey({ dash, label }: { dash?: string; label: string }) {
  return (
    <span>
      <LineSample width={34} height={10} dash={dash} /> {label}
    </span>
  );
}

const LossChart = memo(function LossChart() {
  const { models, maxEpochs, epochs } = useThrottledStore(selChart, REDRAW_MS);
  const [log, setLog] = useState(false);
  const linTicks = useDeferredStore(selLossTicksLinear, sameItems);
  const logTicks = useDeferredStore(selLossTicksLog, sameItems);
  const yTicks = log ? logTicks : linTicks;
  const yDomain = useMemo(() => ticksDomain(yTicks), [yTicks]);
  const xTicks = useMemo(() => epochTicks(maxEpochs), [maxEpochs]);
  const xDomain = useMemo(() => [0, maxEpochs], [maxEpochs]);
  const testLoss = useMemo(() => toPoints(epochs, testLossOf), [epochs]);
  const summary = summarize(models, epochs, (e) => `test loss ${e.testLoss.toFixed(3)}`);

  return (
    <figure className="chart" data-testid="loss-chart">
      <figcaption>
        Loss
        <label className="inline-check">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> log scale
        </label>
        <ChartPngButton title="Loss" legend={models} name="loss-chart" />
      </figcaption>
      <ChartFrame
        label={`Loss chart. ${summary}`}
        height={CHART_HEIGHT}
        margin={MARGIN}
        x={{ domain: xDomain, ticks: xTicks, label: X_LABEL }}
        y={{
          domain: yDomain,
          ticks: yTicks,
          label: LOSS_LABEL,
          width: Y_WIDTH,
          scale: log ? 'log' : 'linear',
          tickFormatter: lossTick,
        }}
      >
        <StepCurves models={models} />
        <Curves models={models} points={testLoss} style={TEST_LOSS} />
        <HoverReadout items={models} xDomain={xDomain} snap={snapLoss} heading={epochHeading} rows={lossRows} />
      </ChartFrame>
    </figure>
  );
});

/** The per-step training-loss curves: the only data that changes several times a second, so it has its own
 * (throttled) subscription and a redraw re-renders nothing else. */
const StepCurves = memo(function StepCurves({ models }: { models: LegendItem[] }) {
  const stepSeries = useThrottledStore(selSteps, REDRAW_MS);
  const points = useMemo(() => stepPoints(stepSeries), [stepSeries]);
  return <Curves models={models} points={points} style={TRAIN_LOSS} />;
});

const accTick = (v: number) => `${v}`;

const AccChart = memo(function AccChart() {
  const { models, maxEpochs, epochs } = useThrottledStore(selChart, REDRAW_MS);
  const yTicks = useDeferredStore(selAccTicks, sameItems);
  const yDomain = useMemo(() => ticksDomain(yTicks), [yTicks]);
  // Accuracy exists only from the end of epoch 1.
  const lo = maxEpochs > 1 ? 1 : 0;
  const xTicks = useMemo(() => epochTicks(maxEpochs).filter((t) => t >= lo), [maxEpochs, lo]);
  const xDomain = useMemo(() => [lo, maxEpochs], [lo, maxEpochs]);
  const train = useMemo(() => toPoints(epochs, trainAccOf), [epochs]);
  const test = useMemo(() => toPoints(epochs, testAccOf), [epochs]);
  const summary = summarize(models, epochs, (e) => `test accuracy ${(e.testAcc * 100).toFixed(2)} %`);

  return (
    <figure className="chart" data-testid="acc-chart">
      <figcaption>
        Accuracy <ChartPngButton title="Accuracy" legend={models} name="accuracy-chart" />
      </figcaption>
      <ChartFrame
        label={`Accuracy chart. ${summary}`}
        height={CHART_HEIGHT}
        margin={MARGIN}
        x={{ domain: xDomain, ticks: xTicks, label: X_LABEL }}
        y={{ domain: yDomain, ticks: yTicks, label: ACC_LABEL, width: Y_WIDTH, tickFormatter: accTick }}
      >
        <Curves models={models} points={train} style={TRAIN_ACC} />
        <Curves models={models} points={test} style={TEST_ACC} />
        <HoverReadout
          items={models}
          xDomain={xDomain}
          snap={snapEpoch}
          heading={epochHeading}
          rows={accRows}
          unit="%"
        />
      </ChartFrame>
    </figure>
  );
});

/** One curve per model of one metric, in a clipped layer named after it (`curves-<kind>`). */
const Curves = memo(function Curves(props: {
  models: LegendItem[];
  points: Record<string, Point[]>;
  style: CurveStyle;
}) {
  const lines = useMemo(
    () => modelLines(props.models, props.points, props.style),
    [props.models, props.points, props.style],
  );
  return <CurvesLayer className={`recharts-layer curves curves-${props.style.kind}`} lines={lines} clip />;
});

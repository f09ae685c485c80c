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
//
// The loss chart shows by default what compares across models: clean cross-entropy on the true labels after each
// epoch (a training subset, solid; the test set, dashed). Each method's training objective per step (KD with T², on
// noisy inputs or corrupted labels) is an option, labelled as not comparable. In the clean view there are no step
// curves, so the chart follows the store only at epoch ends.
import { memo, useId, useMemo, useState } from 'react';
import './chart/chart.css';
import { ChartFrame, xLabel, yLabel } from './chart/ChartFrame';
import { ChartPngButton } from './chart/ChartPngButton';
import { CurvesLayer, RECHARTS_PATH, type CurveStyle } from './chart/CurvesLayer';
import { HoverReadout, type Row } from './chart/HoverReadout';
import { LineSample, SwatchList, type LegendItem } from './chart/Legend';
import { epochTicks, lossTick, ticksDomain } from './chart/ticks';
import type { Point } from '../lib/series';
import { useStore } from '../store';
import { sameItems, useDeferredStore } from '../store/useDeferredStore';
import { useSpaced, useThrottledStore } from '../store/useThrottledStore';
import {
  accRowsAt,
  cleanLossRowsAt,
  cleanTrainLossOf,
  epochHeading,
  lossRowsAt,
  lossSummary,
  modelLines,
  selAccTicks,
  selChart,
  selCleanLossTicksLinear,
  selCleanLossTicksLog,
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
  type LossView,
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
const CLEAN_TRAIN_LOSS = liveCurve('clean-train-loss', 2.5, undefined, 3);
const TEST_LOSS = liveCurve('test-loss', 3, '8 5', 4);
const TRAIN_ACC = liveCurve('train-acc', 2.5, '2 4', 3);
const TEST_ACC = liveCurve('test-acc', 3, undefined, 4);

// The hover read-out reads the store when it is shown, not on every redraw.
const lossRows = (models: LegendItem[], x: number): Row[] => lossRowsAt(useStore.getState(), models, x);
const cleanLossRows = (models: LegendItem[], x: number): Row[] => cleanLossRowsAt(useStore.getState(), models, x);
const accRows = (models: LegendItem[], x: number): Row[] => accRowsAt(useStore.getState(), models, x);

export const Charts = memo(function Charts() {
  const models = useDeferredStore(selModels);
  const hasData = useDeferredStore(selHasData);
  const [view, setView] = useState<LossView>('clean');
  return (
    <section className="panel charts" aria-labelledby="charts-heading">
      <h2 id="charts-heading">Training curves</h2>
      {models.length ? <Legend models={models} view={view} /> : null}
      {!hasData ? <p className="muted empty">Curves appear here as soon as training starts.</p> : null}
      <div className="chart-grid">
        <LossChart view={view} onView={setView} />
        <AccChart />
      </div>
    </section>
  );
});

/** What the solid line is on the loss chart, per view (the dashed one is the test cross-entropy in both). */
const SOLID_LOSS: Record<LossView, string> = {
  clean: 'train cross-entropy per epoch (clean subset)',
  objective: 'training objective per step',
};

const Legend = memo(function Legend({ models, view }: { models: LegendItem[]; view: LossView }) {
  return (
    <div className="legend">
      <SwatchList items={models} label="Models" />
      <div className="legend-styles muted" aria-label="Line styles">
        <StyleKey label={`${SOLID_LOSS[view]} / test accuracy`} />
        <StyleKey dash={TEST_LOSS.dash} label="test cross-entropy per epoch" />
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

/** The loss chart's views: the select's wording, the note under the caption, the chart's accessible name. */
const VIEWS: Record<LossView, { option: string; note: string; name: string; title: string }> = {
  clean: {
    option: 'Clean cross-entropy',
    note:
      'Cross-entropy on the true labels of clean images after each epoch (training subset solid, test set ' +
      'dashed): the same quantity for every model.',
    name: 'clean cross-entropy on the true labels after each epoch, training subset and test set',
    title: 'Loss (clean cross-entropy)',
  },
  objective: {
    option: 'Training objective (per step)',
    note:
      'Solid: what each model minimises per step (KD loss, noisy inputs or labels): it differs by method, so do ' +
      'not compare it across models. Dashed: clean test cross-entropy.',
    name: 'training objective per step, which differs by method, and clean test cross-entropy after each epoch',
    title: 'Loss (training objective)',
  },
};

const LossChart = memo(function LossChart({ view, onView }: { view: LossView; onView: (v: LossView) => void }) {
  const { models, maxEpochs, epochs } = useThrottledStore(selChart, REDRAW_MS);
  const [log, setLog] = useState(false);
  const noteId = useId();
  // All four tick sets stay subscribed (cheap), so a switch of view or scale draws the right axis at once.
  const objLin = useDeferredStore(selLossTicksLinear, sameItems);
  const objLog = useDeferredStore(selLossTicksLog, sameItems);
  const cleanLin = useDeferredStore(selCleanLossTicksLinear, sameItems);
  const cleanLog = useDeferredStore(selCleanLossTicksLog, sameItems);
  const clean = view === 'clean';
  const yTicks = useSpaced(clean ? (log ? cleanLog : cleanLin) : log ? objLog : objLin);
  const yDomain = useMemo(() => ticksDomain(yTicks), [yTicks]);
  // Clean values exist from the end of epoch 1, like accuracy: the same x range keeps the two charts aligned.
  const lo = clean && maxEpochs > 1 ? 1 : 0;
  const xTicks = useMemo(() => epochTicks(maxEpochs).filter((t) => t >= lo), [maxEpochs, lo]);
  const xDomain = useMemo(() => [lo, maxEpochs], [lo, maxEpochs]);
  const testLoss = useMemo(() => toPoints(epochs, testLossOf), [epochs]);
  const cleanTrain = useMemo(() => (clean ? toPoints(epochs, cleanTrainLossOf) : null), [epochs, clean]);
  const v = VIEWS[view];

  return (
    <figure className="chart loss-chart" data-testid="loss-chart" data-view={view}>
      <figcaption>
        Loss
        <label className="inline-select">
          Show
          <select
            value={view}
            onChange={(e) => onView(e.target.value as LossView)}
            aria-describedby={noteId}
            data-testid="loss-view"
          >
            {(Object.keys(VIEWS) as LossView[]).map((k) => (
              <option key={k} value={k}>
                {VIEWS[k].option}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-check">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> log scale
        </label>
        <ChartPngButton title={v.title} legend={models} name="loss-chart" />
      </figcaption>
      <p className="chart-note muted" id={noteId} data-testid="loss-note">
        {v.note}
      </p>
      <ChartFrame
        label={`Loss chart: ${v.name}. ${lossSummary(view, models, epochs)}`}
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
        {cleanTrain ? (
          <Curves models={models} points={cleanTrain} style={CLEAN_TRAIN_LOSS} />
        ) : (
          <StepCurves models={models} />
        )}
        <Curves models={models} points={testLoss} style={TEST_LOSS} />
        <HoverReadout
          items={models}
          xDomain={xDomain}
          snap={clean ? snapEpoch : snapLoss}
          heading={epochHeading}
          rows={clean ? cleanLossRows : lossRows}
        />
      </ChartFrame>
    </figure>
  );
});

/** The per-step training-objective curves: the only data that changes several times a second, so it has its own
 * (throttled) subscription and a redraw re-renders nothing else. */
const StepCurves = memo(function StepCurves({ models }: { models: LegendItem[] }) {
  const stepSeries = useThrottledStore(selSteps, REDRAW_MS);
  const points = useMemo(() => stepPoints(stepSeries), [stepSeries]);
  return <Curves models={models} points={points} style={TRAIN_LOSS} />;
});

const accTick = (v: number) => `${v}`;

const AccChart = memo(function AccChart() {
  const { models, maxEpochs, epochs } = useThrottledStore(selChart, REDRAW_MS);
  const yTicks = useSpaced(useDeferredStore(selAccTicks, sameItems));
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

// Charts across seeds: test accuracy per epoch (each model's mean over seeds with its min–max band, optionally
// every seed's own curve) and, with a sweep, clean and PGD accuracy against the swept value. Drawn with the chart
// kit (ChartFrame's axes, our own SVG layers); the data are the finished runs' histories (seedCurves.ts,
// sweepSeries.ts).
import { memo, useMemo, useState } from 'react';
import { isStudy, SWEEP_LABELS, sweepValueText } from '../../../core/study';
import { colorOf, colorsFor } from '../../lib/colors';
import type { Store } from '../../store';
import { useDeferredStore } from '../../store/useDeferredStore';
import { BandLayer, type Band } from '../chart/BandLayer';
import { ChartFrame, xLabel, yLabel } from '../chart/ChartFrame';
import { ChartPngButton } from '../chart/ChartPngButton';
import { CurvesLayer, type CurveStyle, type Line } from '../chart/CurvesLayer';
import { LineSample, SwatchList, type LegendItem } from '../chart/Legend';
import { epochTicks, percentTicks, ticksDomain } from '../chart/ticks';
import { curvesSummary, lowestY, outcomesAt, seedCurves } from './seedCurves';
import { sweepAxis, sweepLines, sweepSummary } from './sweepSeries';
import { useStudy } from './useStudy';
import { ValuePicker } from './ValuePicker';

const HEIGHT = 320;
const MARGIN = { top: 8, right: 24, bottom: 28, left: 16 };
const Y_WIDTH = 64;
const ACC_LABEL = yLabel('accuracy (%)');
const EPOCH_LABEL = xLabel('epoch', -16);
const pctTick = (v: number) => `${v}`;

const MEAN: CurveStyle = { kind: 'seed-mean', width: 3, dot: { r: 3.5 } };
const SEED: CurveStyle = { kind: 'seed', width: 1.25, dash: '4 3' };

const selPlan = (s: Store) => s.plan;

function useColors(): Record<string, string> {
  const plan = useDeferredStore(selPlan);
  return useMemo(() => colorsFor(plan), [plan]);
}

export const StudyCharts = memo(function StudyCharts() {
  const { runConfig, summary } = useStudy();
  if (!runConfig || !summary || !isStudy(runConfig)) return null;
  return (
    <section className="panel study-charts" aria-labelledby="study-charts-heading">
      <h2 id="study-charts-heading">Across seeds</h2>
      <div className="chart-grid">
        <SeedCurvesChart />
        {summary.sweep ? <SweepChart metric="clean" /> : null}
        {summary.sweep && runConfig.attack.afterRun ? <SweepChart metric="robust" /> : null}
      </div>
    </section>
  );
});

const SeedCurvesChart = memo(function SeedCurvesChart() {
  const { outcomes, summary, group, view } = useStudy();
  const colors = useColors();
  const [each, setEach] = useState(false);
  const curves = useMemo(() => (group ? seedCurves(outcomesAt(outcomes, group.value)) : []), [outcomes, group]);
  const legend = useMemo<LegendItem[]>(
    () => curves.map((c) => ({ id: c.id, label: c.label, color: colorOf(colors, c.id) })),
    [curves, colors],
  );
  const maxEpoch = curves.reduce((m, c) => Math.max(m, c.mean.at(-1)?.x ?? 1), 1);
  const xTicks = useMemo(() => epochTicks(maxEpoch).filter((t) => t >= 1), [maxEpoch]);
  const xDomain = useMemo(() => [1, Math.max(2, maxEpoch)], [maxEpoch]);
  const yTicks = useMemo(() => percentTicks(lowestY(curves), [5, 10, 15, 20, 25], 4), [curves]);
  const yDomain = useMemo(() => ticksDomain(yTicks), [yTicks]);
  const bands = useMemo<Band[]>(
    () => curves.map((c) => ({ key: c.id, model: c.id, color: colorOf(colors, c.id), points: c.band })),
    [curves, colors],
  );
  const means = useMemo<Line[]>(
    () =>
      curves.map((c) => ({
        key: c.id,
        model: c.id,
        color: colorOf(colors, c.id),
        points: c.mean,
        style: MEAN,
        title: (p) => `${c.label}, epoch ${p.x}: mean ${p.y.toFixed(2)} %`,
      })),
    [curves, colors],
  );
  const seeds = useMemo<Line[]>(
    () =>
      each
        ? curves.flatMap((c) =>
            c.seeds.map((s) => ({
              key: `${c.id}|${s.seed}`,
              model: c.id,
              run: String(s.seed),
              color: colorOf(colors, c.id),
              points: s.points,
              style: SEED,
            })),
          )
        : [],
    [curves, colors, each],
  );
  const at = summary && group ? sweepValueText(summary.sweep, group.value) : '';
  const title = `Test accuracy across seeds${at ? ` (${at})` : ''}`;
  return (
    <figure className="chart" data-testid="seed-curves-chart">
      <figcaption>
        {title}
        <label className="inline-check">
          <input
            type="checkbox"
            checked={each}
            data-testid="show-each-seed"
            onChange={(e) => setEach(e.target.checked)}
          />{' '}
          show each seed
        </label>
        <ChartPngButton title={title} legend={legend} name="seed-curves" testId="seed-curves-png" />
      </figcaption>
      {summary?.sweep ? <ValuePicker summary={summary} view={view} testId="study-value-curves" /> : null}
      <div className="legend">
        <SwatchList items={legend} label="Models" />
        <div className="legend-styles muted" aria-label="Line styles">
          <span>
            <LineSample width={34} height={10} /> mean over seeds, shaded: lowest to highest seed
          </span>
          {each ? (
            <span>
              <LineSample width={34} height={10} dash={SEED.dash} /> one seed
            </span>
          ) : null}
        </div>
      </div>
      <ChartFrame
        label={`${title}. ${curvesSummary(curves)}`}
        height={HEIGHT}
        margin={MARGIN}
        x={{ domain: xDomain, ticks: xTicks, label: EPOCH_LABEL }}
        y={{ domain: yDomain, ticks: yTicks, label: ACC_LABEL, width: Y_WIDTH, tickFormatter: pctTick }}
      >
        <BandLayer className="recharts-layer bands" bands={bands} mode="area" />
        <CurvesLayer className="recharts-layer curves curves-seed" lines={seeds} clip />
        <CurvesLayer className="recharts-layer curves curves-seed-mean" lines={means} clip />
      </ChartFrame>
    </figure>
  );
});

const SweepChart = memo(function SweepChart({ metric }: { metric: 'clean' | 'robust' }) {
  const { summary } = useStudy();
  const colors = useColors();
  const sweep = summary?.sweep ?? null;
  const lines = useMemo(
    () => (summary?.sweepRows ? sweepLines(summary.sweepRows, metric, summary.sweep?.param ?? null) : []),
    [summary, metric],
  );
  const name = sweep ? SWEEP_LABELS[sweep.param] : '';
  const axis = useMemo(() => sweepAxis(sweep?.values ?? [0]), [sweep]);
  const lowest = lines.reduce((m, l) => Math.min(m, ...l.range.map((r) => r.lo)), Infinity);
  const yTicks = useMemo(() => percentTicks(lowest, [5, 10, 20, 25], 4), [lowest]);
  const yDomain = useMemo(() => ticksDomain(yTicks), [yTicks]);
  const legend = useMemo<LegendItem[]>(
    () => lines.map((l) => ({ id: l.id, label: l.label, color: colorOf(colors, l.id) })),
    [lines, colors],
  );
  const bands = useMemo<Band[]>(
    () => lines.map((l) => ({ key: l.id, model: l.id, color: colorOf(colors, l.id), points: l.range })),
    [lines, colors],
  );
  const means = useMemo<Line[]>(
    () =>
      lines.map((l) => ({
        key: l.id,
        model: l.id,
        color: colorOf(colors, l.id),
        points: l.mean,
        style: MEAN,
        title: (p) => `${l.label}, ${name} = ${p.x}: mean ${p.y.toFixed(2)} %`,
      })),
    [lines, colors, name],
  );
  const what = metric === 'clean' ? 'Clean accuracy' : 'PGD accuracy';
  const title = `${what} vs ${name}`;
  const yLab = useMemo(() => yLabel(metric === 'clean' ? 'accuracy (%)' : 'PGD acc. (%)'), [metric]);
  const xLab = useMemo(() => xLabel(name, -16), [name]);
  return (
    <figure className="chart" data-testid={`sweep-chart-${metric}`}>
      <figcaption>
        {title}
        <ChartPngButton title={title} legend={legend} name={`sweep-${metric}`} testId={`sweep-${metric}-png`} />
      </figcaption>
      <div className="legend">
        <SwatchList items={legend} label="Models" />
        <div className="legend-styles muted">mean over seeds; bars: lowest to highest seed</div>
      </div>
      <ChartFrame
        label={`${title}, mean over seeds with the lowest to highest seed. ${sweepSummary(lines, name)}`}
        height={HEIGHT}
        margin={MARGIN}
        x={{ domain: axis.domain, ticks: axis.ticks, label: xLab }}
        y={{ domain: yDomain, ticks: yTicks, label: yLab, width: Y_WIDTH, tickFormatter: pctTick }}
      >
        <BandLayer className="recharts-layer bands" bands={bands} mode="bars" />
        <CurvesLayer className="recharts-layer curves curves-sweep" lines={means} clip />
      </ChartFrame>
    </figure>
  );
});

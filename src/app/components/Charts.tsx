// Live loss and accuracy curves for every model in one comparable view: one colour per model across both charts.
import { memo, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useShallow } from 'zustand/react/shallow';
import type { EpochMetrics } from '../../core/train/events';
import { colorsFor } from '../lib/colors';
import { visiblePoints, type Point } from '../lib/series';
import { useStore, type Store } from '../store';
import { useThrottledStore } from '../store/useThrottledStore';

/** Charts redraw at most this often; recharts renders are the main thread's biggest cost during a run. */
const REDRAW_MS = 700;
const selSteps = (s: Store) => s.stepSeries;
const selEpochs = (s: Store) => s.epochs;

const AXIS_FONT = { fontSize: 16, fill: '#1a1a1a' };
const CHART_HEIGHT = 340;
const MARGIN = { top: 8, right: 24, bottom: 28, left: 16 };

interface ModelLine {
  id: string;
  label: string;
  color: string;
}

function useModels(): ModelLine[] {
  const { plan, phases } = useStore(useShallow((s) => ({ plan: s.plan, phases: s.phases })));
  return useMemo(() => {
    const colors = colorsFor(plan);
    return plan.map((m) => ({ id: m.id, label: phases[m.id]?.label ?? m.label, color: colors[m.id] }));
  }, [plan, phases]);
}

function useMaxEpochs(): number {
  return useStore((s) => (s.runConfig ? Math.max(s.runConfig.teacher.epochs, s.runConfig.student.epochs) : 1));
}

export const Charts = memo(function Charts() {
  const models = useModels();
  const hasData = useStore((s) => Object.keys(s.stepSeries).length > 0 || Object.keys(s.epochs).length > 0);
  return (
    <section className="panel charts" aria-labelledby="charts-heading">
      <h2 id="charts-heading">Training curves</h2>
      {models.length ? <Legend models={models} /> : null}
      {!hasData ? <p className="muted empty">Curves appear here as soon as training starts.</p> : null}
      <div className="chart-grid">
        <LossChart models={models} />
        <AccChart models={models} />
      </div>
    </section>
  );
});

function Legend({ models }: { models: ModelLine[] }) {
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
}

function lossTick(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) >= 1e4 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
}

function epochTicks(max: number): number[] {
  const step = max <= 10 ? 1 : Math.ceil(max / 10);
  const out: number[] = [];
  for (let e = 0; e <= max; e += step) out.push(e);
  return out;
}

const LossChart = memo(function LossChart({ models }: { models: ModelLine[] }) {
  const stepSeries = useThrottledStore(selSteps, REDRAW_MS);
  const epochs = useThrottledStore(selEpochs, REDRAW_MS);
  const maxEpochs = useMaxEpochs();
  const [log, setLog] = useState(false);
  const steps = useMemo(() => {
    const out: Record<string, Point[]> = {};
    for (const [id, s] of Object.entries(stepSeries)) out[id] = visiblePoints(s);
    return out;
  }, [stepSeries]);
  const testLoss = useMemo(() => toPoints(epochs, (e) => e.testLoss), [epochs]);
  const summary = summarize(models, epochs, (e) => `test loss ${e.testLoss.toFixed(3)}`);

  return (
    <figure className="chart" data-testid="loss-chart" aria-label={`Loss chart. ${summary}`}>
      <figcaption>
        Loss
        <label className="inline-check">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> log scale
        </label>
      </figcaption>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <LineChart margin={MARGIN}>
          <CartesianGrid stroke="#d9d9d9" />
          <XAxis
            type="number"
            dataKey="x"
            domain={[0, maxEpochs]}
            ticks={epochTicks(maxEpochs)}
            tick={AXIS_FONT}
            allowDataOverflow
            label={{ value: 'epoch', position: 'insideBottom', offset: -16, ...AXIS_FONT }}
          />
          <YAxis
            type="number"
            tick={AXIS_FONT}
            width={64}
            scale={log ? 'log' : 'linear'}
            domain={log ? ['auto', 'auto'] : [0, 'auto']}
            allowDataOverflow={log}
            tickFormatter={lossTick}
            label={{ value: 'loss', angle: -90, position: 'insideLeft', ...AXIS_FONT }}
          />
          <Tooltip content={<PointTooltip models={models} />} isAnimationActive={false} />
          {models.map((m) =>
            steps[m.id]?.length ? (
              <Line
                key={`s-${m.id}`}
                data={steps[m.id]}
                dataKey="y"
                name={`${m.id}|train loss`}
                stroke={m.color}
                strokeWidth={2.5}
                dot={false}
                isAnimationActive={false}
                type="linear"
              />
            ) : null,
          )}
          {models.map((m) =>
            testLoss[m.id]?.length ? (
              <Line
                key={`t-${m.id}`}
                data={testLoss[m.id]}
                dataKey="y"
                name={`${m.id}|test loss`}
                stroke={m.color}
                strokeWidth={3}
                strokeDasharray="8 5"
                dot={{ r: 4, fill: m.color }}
                isAnimationActive={false}
              />
            ) : null,
          )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});

const AccChart = memo(function AccChart({ models }: { models: ModelLine[] }) {
  const epochs = useThrottledStore(selEpochs, REDRAW_MS);
  const maxEpochs = useMaxEpochs();
  const train = useMemo(() => toPoints(epochs, (e) => e.trainAcc * 100), [epochs]);
  const test = useMemo(() => toPoints(epochs, (e) => e.testAcc * 100), [epochs]);
  const summary = summarize(models, epochs, (e) => `test accuracy ${(e.testAcc * 100).toFixed(2)} %`);
  // Accuracy exists only from the end of epoch 1.
  const lo = maxEpochs > 1 ? 1 : 0;

  return (
    <figure className="chart" data-testid="acc-chart" aria-label={`Accuracy chart. ${summary}`}>
      <figcaption>Accuracy</figcaption>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <LineChart margin={MARGIN}>
          <CartesianGrid stroke="#d9d9d9" />
          <XAxis
            type="number"
            dataKey="x"
            domain={[lo, maxEpochs]}
            ticks={epochTicks(maxEpochs).filter((t) => t >= lo)}
            tick={AXIS_FONT}
            allowDataOverflow
            label={{ value: 'epoch', position: 'insideBottom', offset: -16, ...AXIS_FONT }}
          />
          <YAxis
            type="number"
            tick={AXIS_FONT}
            width={64}
            domain={[(min: number) => Math.max(0, Math.floor(min / 5) * 5), 100]}
            tickFormatter={(v: number) => `${v}`}
            label={{ value: 'accuracy (%)', angle: -90, position: 'insideLeft', ...AXIS_FONT }}
          />
          <Tooltip content={<PointTooltip models={models} unit="%" />} isAnimationActive={false} />
          {models.map((m) =>
            train[m.id]?.length ? (
              <Line
                key={`tr-${m.id}`}
                data={train[m.id]}
                dataKey="y"
                name={`${m.id}|train acc`}
                stroke={m.color}
                strokeWidth={2.5}
                strokeDasharray="2 4"
                dot={{ r: 3, fill: m.color }}
                isAnimationActive={false}
              />
            ) : null,
          )}
          {models.map((m) =>
            test[m.id]?.length ? (
              <Line
                key={`te-${m.id}`}
                data={test[m.id]}
                dataKey="y"
                name={`${m.id}|test acc`}
                stroke={m.color}
                strokeWidth={3}
                dot={{ r: 4, fill: m.color }}
                isAnimationActive={false}
              />
            ) : null,
          )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});

/** Per-epoch metric as points starting from the epoch it completes (x = 1, 2, ...). */
function toPoints(epochs: Record<string, EpochMetrics[]>, f: (e: EpochMetrics) => number): Record<string, Point[]> {
  const out: Record<string, Point[]> = {};
  for (const [id, list] of Object.entries(epochs)) {
    out[id] = list.map((e) => ({ x: e.epoch, y: f(e) })).filter((p) => Number.isFinite(p.y));
  }
  return out;
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

interface TooltipEntry {
  name?: string | number;
  value?: unknown;
  color?: string;
  payload?: { x?: number };
}

function PointTooltip(props: {
  models: ModelLine[];
  unit?: string;
  active?: boolean;
  payload?: readonly TooltipEntry[];
}) {
  const { active, payload, models, unit } = props;
  if (!active || !payload?.length) return null;
  const byId = new Map(models.map((m) => [m.id, m]));
  const x = payload[0]?.payload?.x;
  return (
    <div className="chart-tooltip">
      {x !== undefined ? <div className="muted">epoch {Number(x).toFixed(2)}</div> : null}
      {payload.map((p, i) => {
        const [id, what] = String(p.name ?? '').split('|');
        const m = byId.get(id);
        return (
          <div key={i} style={{ color: p.color }}>
            {m?.label ?? id} · {what}: {typeof p.value === 'number' ? p.value.toFixed(3) : String(p.value)}
            {unit ?? ''}
          </div>
        );
      })}
    </div>
  );
}

// Two history runs overlaid: per-epoch test accuracy of every model, one colour per model (as in the training
// charts), run A solid with filled dots, run B dashed with hollow dots (readable in greyscale too). Recharts
// draws the frame; the curves are drawn with its scales, as in Charts.tsx, each dot with a hover title.
import { memo, useMemo } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts';
import type { RunRecord } from '../../../storage/runs';
import { colorsFor } from '../../lib/colors';
import { runTitle } from './historyText';

const AXIS_FONT = { fontSize: 16, fill: '#1a1a1a' };
const MARGIN = { top: 10, right: 24, bottom: 30, left: 16 };
const X_LABEL = { value: 'epoch', position: 'insideBottom', offset: -18, ...AXIS_FONT } as const;
const Y_LABEL = { value: 'test accuracy (%)', angle: -90, position: 'insideLeft', ...AXIS_FONT } as const;
const DASH = ['', '8 5'];
const RUN_NAMES = ['A', 'B'];

interface Curve {
  key: string;
  run: number;
  label: string;
  color: string;
  points: { epoch: number; acc: number }[];
}

function curvesOf(runs: RunRecord[]): Curve[] {
  return runs.flatMap((r, run) => {
    const colors = colorsFor(r.results);
    return r.results.map((m) => ({
      key: `${run}:${m.id}`,
      run,
      label: m.label,
      color: colors[m.id],
      points: m.history
        .filter((e) => Number.isFinite(e.testAcc))
        .map((e) => ({ epoch: e.epoch, acc: e.testAcc * 100 })),
    }));
  });
}

/** Lowest accuracy rounded down to a multiple of 5, up to 100, in ticks of 5 to 25. */
function accTicks(curves: Curve[]): number[] {
  const min = Math.min(100, ...curves.flatMap((c) => c.points.map((p) => p.acc)));
  const lo = Math.max(0, Math.floor(min / 5) * 5);
  if (lo >= 100) return [95, 100];
  const step = [5, 10, 20, 25].find((v) => (100 - lo) / v <= 5) ?? 25;
  const out: number[] = [];
  for (let t = 100; t >= lo; t -= step) out.unshift(t);
  if (out[0] > lo) out.unshift(Math.max(0, out[0] - step));
  return out;
}

export const CompareChart = memo(function CompareChart({ runs }: { runs: RunRecord[] }) {
  const curves = useMemo(() => curvesOf(runs), [runs]);
  const maxEpoch = Math.max(1, ...curves.flatMap((c) => c.points.map((p) => p.epoch)));
  const xTicks = useMemo(() => {
    const step = Math.max(1, Math.ceil(maxEpoch / 10));
    return Array.from({ length: Math.floor((maxEpoch - 1) / step) + 1 }, (_, i) => 1 + i * step);
  }, [maxEpoch]);
  const yTicks = useMemo(() => accTicks(curves), [curves]);
  const summary = runs
    .map((r, i) => {
      const last = curves.filter((c) => c.run === i && c.points.length);
      const accs = last.map((c) => `${c.label} ${c.points[c.points.length - 1].acc.toFixed(1)}%`).join(', ');
      return `Run ${RUN_NAMES[i]} (${runTitle(r)}): ${accs || 'no epochs'}`;
    })
    .join('. ');

  return (
    <figure
      className="chart persist-compare"
      data-testid="compare-chart"
      aria-label={`Test accuracy per epoch. ${summary}`}
    >
      <figcaption>Test accuracy per epoch, two runs</figcaption>
      <div className="persist-compare-legend">
        {runs.map((r, i) => (
          <div key={r.id} className="persist-compare-run" data-testid="compare-legend-run">
            <svg width="40" height="12" aria-hidden="true">
              <line x1="0" y1="6" x2="40" y2="6" stroke="#333" strokeWidth="3" strokeDasharray={DASH[i] || undefined} />
            </svg>
            <strong>
              Run {RUN_NAMES[i]} ({i ? 'dashed' : 'solid'}):
            </strong>{' '}
            {runTitle(r)}
            <ul className="persist-inline" aria-label={`Models of run ${RUN_NAMES[i]}`}>
              {curves
                .filter((c) => c.run === i)
                .map((c) => (
                  <li key={c.key}>
                    <span className="swatch" style={{ background: c.color }} aria-hidden="true" />
                    {c.label}
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </div>
      <ResponsiveContainer width="100%" height={340}>
        <LineChart margin={MARGIN}>
          <CartesianGrid stroke="#d9d9d9" />
          <XAxis
            type="number"
            dataKey="epoch"
            domain={[1, Math.max(2, maxEpoch)]}
            ticks={xTicks}
            interval={0}
            allowDataOverflow // fixed axes: there are no recharts items to derive them from
            tick={AXIS_FONT}
            label={X_LABEL}
          />
          <YAxis
            type="number"
            domain={[yTicks[0], 100]}
            ticks={yTicks}
            interval={0}
            allowDataOverflow
            tick={AXIS_FONT}
            width={56}
            label={Y_LABEL}
          />
          <Lines curves={curves} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});

function Lines({ curves }: { curves: Curve[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  return (
    <g className="recharts-layer compare-lines">
      {curves.map((c) => {
        const pts = c.points.flatMap((p) => {
          const px = x(p.epoch);
          const py = y(p.acc);
          return px == null || py == null ? [] : [{ ...p, px, py }];
        });
        return (
          <g key={c.key} className="recharts-layer recharts-line" data-run={RUN_NAMES[c.run]}>
            <path
              d={pts.map((p, i) => `${i ? 'L' : 'M'}${p.px.toFixed(1)},${p.py.toFixed(1)}`).join('')}
              fill="none"
              stroke={c.color}
              strokeWidth={3}
              strokeDasharray={DASH[c.run] || undefined}
            />
            {pts.map((p) => (
              <circle
                key={p.epoch}
                cx={p.px}
                cy={p.py}
                r={4.5}
                fill={c.run ? '#fff' : c.color}
                stroke={c.color}
                strokeWidth={2}
              >
                <title>{`Run ${RUN_NAMES[c.run]} · ${c.label} · epoch ${p.epoch} · ${p.acc.toFixed(2)}%`}</title>
              </circle>
            ))}
          </g>
        );
      })}
    </g>
  );
}

// Robust accuracy (%) vs ε, one line per model in the training charts' colours; the ε = 0 point is the clean
// accuracy. Recharts draws the frame; the lines are drawn with its scales, as the training charts' curves are,
// so each line's dots sit inside its own `.recharts-line` group (recharts 3 portals <Line> dots into a separate
// layer) and every dot carries a hover title. Exports itself as a PNG.
import { memo, useMemo } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts';
import { attackLabel } from '../../../core/attacks/types';
import type { SweepResult } from '../../../worker/attackProtocol';
import { ChartPngButton } from '../ChartPngButton';
import type { EpsUnits } from './epsUnits';
import type { LabModel } from './labHooks';

const AXIS_FONT = { fontSize: 16, fill: '#1a1a1a' };
const MARGIN = { top: 10, right: 28, bottom: 30, left: 16 };
const Y_TICKS = [0, 20, 40, 60, 80, 100];

/** Robust accuracy per model at each ε of the sweep, in %; ε = 0 is the clean accuracy. */
export function robustRows(r: SweepResult): Record<string, number>[] {
  return r.sweep.epsList.map((eps, k) => {
    const row: Record<string, number> = { eps };
    for (const [id, pts] of Object.entries(r.sweep.models)) {
      const acc = eps === 0 ? (r.sweep.clean[id] ?? pts[k]?.robust) : pts[k]?.robust;
      if (acc !== undefined && Number.isFinite(acc)) row[id] = acc * 100;
    }
    return row;
  });
}

export function sweepTitle(r: SweepResult, sourceLabel: string | null): string {
  const how = r.source === null ? 'white-box' : `transferred from ${sourceLabel ?? r.source}`;
  return `Robust accuracy vs ε · ${attackLabel(r.attack)}, ${how}`;
}

interface Props {
  result: SweepResult;
  models: LabModel[];
  units: EpsUnits;
  title: string;
}

export const RobustChart = memo(function RobustChart({ result, models, units, title }: Props) {
  const rows = useMemo(() => robustRows(result), [result]);
  const epsList = result.sweep.epsList;
  const shown = models.filter((m) => result.sweep.models[m.id]);
  const xLabel = {
    value: `ε${units.colour ? ' (/255)' : ''}`,
    position: 'insideBottom' as const,
    offset: -18,
    ...AXIS_FONT,
  };
  const yLabel = {
    value: 'robust accuracy (%)',
    angle: -90,
    position: 'insideLeft' as const,
    textAnchor: 'middle' as const,
    ...AXIS_FONT,
  };
  const summary = shown
    .map((m) => `${m.label}: ${rows.map((r) => `${(r[m.id] ?? NaN).toFixed(1)}%`).join(', ')}`)
    .join('; ');

  return (
    <figure
      className="chart lab-chart"
      data-testid="robust-chart"
      aria-label={`${title}. At ε = ${epsList.map(units.short).join(', ')}${units.unit}: ${summary}`}
    >
      <figcaption>
        <span>{title}</span>
        <ChartPngButton title={title} legend={shown} name="robustness" testId="export-png" />
      </figcaption>
      <ul className="lab-legend" aria-label="Models">
        {shown.map((m) => (
          <li key={m.id}>
            <span className="swatch" style={{ background: m.color }} aria-hidden="true" />
            {m.label}
          </li>
        ))}
      </ul>
      <ResponsiveContainer width="100%" height={360}>
        <LineChart margin={MARGIN}>
          <CartesianGrid stroke="#d9d9d9" />
          <XAxis
            type="number"
            dataKey="eps"
            domain={[0, epsList[epsList.length - 1] || 1]}
            ticks={epsList}
            interval={0}
            allowDataOverflow // the axes are fixed: there are no recharts items to derive them from
            tick={AXIS_FONT}
            tickFormatter={(v: number) => units.short(v)}
            label={xLabel}
          />
          <YAxis
            type="number"
            domain={[0, 100]}
            ticks={Y_TICKS}
            interval={0}
            allowDataOverflow
            tick={AXIS_FONT}
            width={56}
            label={yLabel}
          />
          <Lines rows={rows} models={shown} units={units} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});

/** One polyline with dots per model, projected with the chart's scales (rendered inside the recharts chart). */
function Lines({ rows, models, units }: { rows: Record<string, number>[]; models: LabModel[]; units: EpsUnits }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  return (
    <g className="recharts-layer robust-lines">
      {models.map((m) => {
        const pts = rows.flatMap((r) => {
          const px = x(r.eps);
          const py = r[m.id] === undefined ? undefined : y(r[m.id]);
          return px == null || py == null ? [] : [{ eps: r.eps, acc: r[m.id], px, py }];
        });
        return (
          <g key={m.id} className="recharts-layer recharts-line" data-model={m.id}>
            <path
              className="recharts-curve recharts-line-curve"
              d={pts.map((p, i) => `${i ? 'L' : 'M'}${p.px.toFixed(1)},${p.py.toFixed(1)}`).join('')}
              fill="none"
              stroke={m.color}
              strokeWidth={3}
            />
            {pts.map((p) => (
              <circle
                key={p.eps}
                className="recharts-dot recharts-line-dot"
                cx={p.px}
                cy={p.py}
                r={5}
                fill={m.color}
                stroke="#fff"
                strokeWidth={1.5}
              >
                <title>{`${m.label} · ε = ${units.both(p.eps)} · ${p.acc.toFixed(1)}%`}</title>
              </circle>
            ))}
          </g>
        );
      })}
    </g>
  );
}

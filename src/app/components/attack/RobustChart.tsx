// Robust accuracy (%) vs ε, one line per model in the training charts' colours; the ε = 0 point is the clean
// accuracy. Drawn with the chart kit as the training charts are, so each line's dots sit inside its own
// `.recharts-line` group (recharts 3 portals <Line> dots into a separate layer) and every dot carries a hover
// title. Exports itself as a PNG.
import { memo, useMemo } from 'react';
import type { SweepResult } from '../../../worker/attackProtocol';
import { AXIS_FONT, ChartFrame, xLabel } from '../chart/ChartFrame';
import { ChartPngButton } from '../chart/ChartPngButton';
import { CurvesLayer, RECHARTS_PATH, type CurveStyle } from '../chart/CurvesLayer';
import { SwatchList } from '../chart/Legend';
import type { EpsUnits } from './epsUnits';
import type { LabModel } from './labHooks';
import { robustLines, robustRows } from './robustSeries';

const MARGIN = { top: 10, right: 28, bottom: 30, left: 16 };
const Y_TICKS = [0, 20, 40, 60, 80, 100];
const Y_DOMAIN = [0, 100];
const Y_LABEL = {
  value: 'robust accuracy (%)',
  angle: -90,
  position: 'insideLeft',
  textAnchor: 'middle',
  ...AXIS_FONT,
} as const;
const STYLE: CurveStyle = {
  width: 3,
  pathClass: RECHARTS_PATH,
  dot: { r: 5, stroke: '#fff', strokeWidth: 1.5, className: 'recharts-dot recharts-line-dot' },
};

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
  const lines = robustLines(rows, shown, units, STYLE);
  const summary = shown
    .map((m) => `${m.label}: ${rows.map((r) => `${(r[m.id] ?? NaN).toFixed(1)}%`).join(', ')}`)
    .join('; ');

  return (
    <figure className="chart lab-chart" data-testid="robust-chart">
      <figcaption>
        <span>{title}</span>
        <ChartPngButton title={title} legend={shown} name="robustness" testId="export-png" />
      </figcaption>
      <SwatchList items={shown} label="Models" className="lab-legend" />
      <ChartFrame
        label={`${title}. At ε = ${epsList.map(units.short).join(', ')}${units.unit}: ${summary}`}
        height={360}
        margin={MARGIN}
        x={{
          domain: [0, epsList[epsList.length - 1] || 1],
          ticks: epsList,
          tickFormatter: (v: number) => units.short(v),
          label: xLabel(`ε${units.colour ? ' (/255)' : ''}`, -18),
        }}
        y={{ domain: Y_DOMAIN, ticks: Y_TICKS, width: 56, label: Y_LABEL }}
      >
        <CurvesLayer className="recharts-layer robust-lines" lines={lines} />
      </ChartFrame>
    </figure>
  );
});

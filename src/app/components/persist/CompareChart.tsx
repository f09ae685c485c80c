// Two history runs overlaid: per-epoch test accuracy of every model, one colour per model (as in the training
// charts), run A solid with filled dots, run B dashed with hollow dots (readable in greyscale too). Drawn with the
// chart kit as the training charts are, each dot with a hover title; the data come from compareSeries.ts.
import { memo, useMemo } from 'react';
import type { RunRecord } from '../../../storage/runs';
import { ChartFrame, xLabel, yLabel } from '../chart/ChartFrame';
import { CurvesLayer } from '../chart/CurvesLayer';
import { LineSample, SwatchList } from '../chart/Legend';
import {
  compareAccTicks,
  compareEpochTicks,
  compareLines,
  compareSummary,
  lastEpoch,
  RUN_NAMES,
  RUN_STYLES,
} from './compareSeries';
import { runTitle } from './historyText';

const MARGIN = { top: 10, right: 24, bottom: 30, left: 16 };
const X_LABEL = xLabel('epoch', -18);
const Y_LABEL = yLabel('test accuracy (%)');

export const CompareChart = memo(function CompareChart({ runs }: { runs: RunRecord[] }) {
  const lines = useMemo(() => compareLines(runs), [runs]);
  const maxEpoch = lastEpoch(lines);
  const xTicks = useMemo(() => compareEpochTicks(maxEpoch), [maxEpoch]);
  const yTicks = useMemo(() => compareAccTicks(lines), [lines]);
  const summary = compareSummary(runs, lines, runTitle);

  return (
    <figure className="chart persist-compare" data-testid="compare-chart">
      <figcaption>Test accuracy per epoch, two runs</figcaption>
      <div className="persist-compare-legend">
        {runs.map((r, i) => (
          <div key={r.id} className="persist-compare-run" data-testid="compare-legend-run">
            <LineSample width={40} height={12} dash={RUN_STYLES[i].dash} />
            <strong>
              Run {RUN_NAMES[i]} ({i ? 'dashed' : 'solid'}):
            </strong>{' '}
            {runTitle(r)}
            <SwatchList
              items={lines.filter((c) => c.runIndex === i).map((c) => ({ id: c.key, label: c.label, color: c.color }))}
              label={`Models of run ${RUN_NAMES[i]}`}
              className="persist-inline"
            />
          </div>
        ))}
      </div>
      <ChartFrame
        label={`Test accuracy per epoch. ${summary}`}
        height={340}
        margin={MARGIN}
        x={{ domain: [1, Math.max(2, maxEpoch)], ticks: xTicks, label: X_LABEL }}
        y={{ domain: [yTicks[0], 100], ticks: yTicks, width: 56, label: Y_LABEL }}
      >
        <CurvesLayer className="recharts-layer compare-lines" lines={lines} />
      </ChartFrame>
    </figure>
  );
});

// The compare chart's data, from two history runs: per-epoch test accuracy (%) of every model of each run, in the
// training charts' colours (run A solid with filled dots, run B dashed with hollow dots), and the axes' ticks.
import type { RunRecord } from '../../../storage/runs';
import { colorsFor } from '../../lib/colors';
import type { CurveStyle, Line } from '../chart/CurvesLayer';
import { epochTicks, percentTicks } from '../chart/ticks';

export const RUN_NAMES = ['A', 'B'];
/** Run A solid with filled dots, run B dashed with hollow ones (readable in greyscale too). */
export const RUN_STYLES: CurveStyle[] = [
  { width: 3, dot: { r: 4.5, strokeWidth: 2 } },
  { width: 3, dash: '8 5', dot: { r: 4.5, fill: '#fff', strokeWidth: 2 } },
];

/** One curve per model of each run (x = epoch, y = test accuracy in %); `run` is the run's index. */
export interface RunLine extends Line {
  runIndex: number;
  label: string;
}

export function compareLines(runs: RunRecord[]): RunLine[] {
  return runs.flatMap((r, run) => {
    const colors = colorsFor(r.results);
    return r.results.map((m) => ({
      key: `${run}:${m.id}`,
      run: RUN_NAMES[run],
      runIndex: run,
      label: m.label,
      color: colors[m.id],
      style: RUN_STYLES[run],
      points: m.history.filter((e) => Number.isFinite(e.testAcc)).map((e) => ({ x: e.epoch, y: e.testAcc * 100 })),
      title: (p) => `Run ${RUN_NAMES[run]} · ${m.label} · epoch ${p.x} · ${p.y.toFixed(2)}%`,
    }));
  });
}

/** The last epoch any curve reaches (at least 1). */
export const lastEpoch = (lines: Line[]) => Math.max(1, ...lines.flatMap((c) => c.points.map((p) => p.x)));

/** Epochs from 1, in about 10 steps. */
export const compareEpochTicks = (maxEpoch: number) => epochTicks(maxEpoch, 1);

/** Lowest accuracy rounded down to a multiple of 5, up to 100, in at most 5 ticks of 5 to 25. */
export const compareAccTicks = (lines: Line[]) =>
  percentTicks(Math.min(100, ...lines.flatMap((c) => c.points.map((p) => p.y))), [5, 10, 20, 25], 5);

/** Each run's title and its models' final accuracies, for the chart's accessible summary. */
export function compareSummary(runs: RunRecord[], lines: RunLine[], title: (r: RunRecord) => string): string {
  return runs
    .map((r, i) => {
      const last = lines.filter((c) => c.runIndex === i && c.points.length);
      const accs = last.map((c) => `${c.label} ${c.points[c.points.length - 1].y.toFixed(1)}%`).join(', ');
      return `Run ${RUN_NAMES[i]} (${title(r)}): ${accs || 'no epochs'}`;
    })
    .join('. ');
}

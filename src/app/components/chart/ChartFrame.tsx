// The frame of a chart: recharts draws the axes, grid, labels and responsive size; the data are our own SVG layers,
// passed as children and drawn with the chart's scales (CurvesLayer, HoverReadout). The frame has no recharts
// items, so recharts derives nothing from the data: the axes take fixed props (domains and ticks computed by the
// caller, memoised where the chart redraws live), and recharts recomputes an axis only when one of them changes.
// To assistive technology a chart is one image named by its text summary (`label`): recharts' keyboard layer
// (a nameless role="application" tab stop) is off, as it only moves recharts' own tooltip, which we do not use.
import type { ReactNode } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, XAxis, YAxis, type XAxisProps } from 'recharts';

export const AXIS_FONT = { fontSize: 16, fill: '#1a1a1a' };
const GRID_STROKE = '#d9d9d9';

/** An axis title in the charts' font: under the x axis, or turned along the y axis. */
export const xLabel = (value: string, offset: number) =>
  ({ value, position: 'insideBottom', offset, ...AXIS_FONT }) as const;
export const yLabel = (value: string) => ({ value, angle: -90, position: 'insideLeft', ...AXIS_FONT }) as const;

export interface AxisSpec {
  domain: number[];
  ticks: number[];
  label: XAxisProps['label'];
  tickFormatter?: (v: number) => string;
}

export interface FrameProps {
  /** What the chart shows, in words: the image's accessible name. */
  label: string;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  x: AxisSpec;
  y: AxisSpec & { width: number; scale?: 'linear' | 'log' };
  children: ReactNode;
}

export function ChartFrame({ label, height, margin, x, y, children }: FrameProps) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart margin={margin} accessibilityLayer={false} role="img" aria-label={label}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis
          type="number"
          dataKey="x"
          domain={x.domain}
          ticks={x.ticks}
          tick={AXIS_FONT}
          allowDataOverflow
          // Show the given ticks as they are: the default measures every label in the DOM (a forced layout), for
          // the axis and again for the grid, whenever the axis changes.
          interval={0}
          tickFormatter={x.tickFormatter}
          label={x.label}
        />
        <YAxis
          type="number"
          tick={AXIS_FONT}
          width={y.width}
          scale={y.scale ?? 'linear'}
          domain={y.domain}
          ticks={y.ticks}
          allowDataOverflow
          interval={0}
          tickFormatter={y.tickFormatter}
          label={y.label}
        />
        {children}
      </LineChart>
    </ResponsiveContainer>
  );
}

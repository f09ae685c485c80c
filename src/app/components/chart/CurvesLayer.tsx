// Curves drawn with the chart's scales, inside a ChartFrame. Each curve is a memoised group that re-renders only
// when its own points (or the scales) change, so a live chart's redraw costs one path, the one whose data grew.
// Each curve keeps the classes of a recharts line (`recharts-line`), so tests and themes read it as one.
import { memo, useId, useMemo } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import type { Point } from '../../lib/series';
import { project, type Scale } from './geometry';

/** recharts' class names for a line's path, which the classroom theme styles. */
export const RECHARTS_PATH = 'recharts-curve recharts-line-curve';

export interface CurveStyle {
  /** Adds the class `curve-<kind>` to each curve's group. */
  kind?: string;
  width: number;
  dash?: string;
  pathClass?: string;
  /** A dot at every point; fill and stroke default to the curve's colour. */
  dot?: { r: number; fill?: string; stroke?: string; strokeWidth?: number; className?: string };
}

/** One curve: its points, colour and style; `model` and `run` become data-model and data-run. */
export interface Line {
  key: string;
  color: string;
  points: Point[];
  style: CurveStyle;
  model?: string;
  run?: string;
  /** A hover title on each dot. */
  title?: (p: Point) => string;
}

/** The lines in a layer of the given class; `clip` keeps the paths (not the dots) inside the plot area. */
export const CurvesLayer = memo(function CurvesLayer(props: { className: string; lines: Line[]; clip?: boolean }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const plot = usePlotArea();
  const clipId = useId();
  if (!x || !y || !plot) return null;
  return (
    <g className={props.className}>
      {props.clip ? (
        <defs>
          <clipPath id={clipId}>
            <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
          </clipPath>
        </defs>
      ) : null}
      {props.lines.map((l) => (
        <Curve
          key={l.key}
          points={l.points}
          color={l.color}
          style={l.style}
          model={l.model}
          run={l.run}
          title={l.title}
          x={x}
          y={y}
          clip={props.clip ? clipId : undefined}
        />
      ))}
    </g>
  );
});

const Curve = memo(function Curve(p: Omit<Line, 'key'> & { x: Scale; y: Scale; clip?: string }) {
  const { style: s, color } = p;
  const dot = s.dot;
  const { d, dots } = useMemo(() => project(p.points, p.x, p.y, !!dot), [p.points, p.x, p.y, dot]);
  return (
    <g
      className={`recharts-layer recharts-line${s.kind ? ` curve-${s.kind}` : ''}`}
      data-model={p.model}
      data-run={p.run}
    >
      {d ? (
        <path
          className={s.pathClass}
          d={d}
          fill="none"
          stroke={color}
          strokeWidth={s.width}
          strokeDasharray={s.dash}
          clipPath={p.clip ? `url(#${p.clip})` : undefined}
        />
      ) : null}
      {dot
        ? dots.map((c, i) => (
            <circle
              key={i}
              className={dot.className}
              cx={c.cx}
              cy={c.cy}
              r={dot.r}
              fill={dot.fill ?? color}
              stroke={dot.stroke ?? color}
              strokeWidth={dot.strokeWidth}
            >
              {p.title ? <title>{p.title(c.at)}</title> : null}
            </circle>
          ))
        : null}
    </g>
  );
});

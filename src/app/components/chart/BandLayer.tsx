// Ranges drawn with the chart's scales inside a ChartFrame, e.g. min–max over seeds: as a shaded area between the
// two edges (curves over epochs), or as a vertical bar at each x (a few discrete values, as in a sweep).
import { memo, useMemo } from 'react';
import { useXAxisScale, useYAxisScale } from 'recharts';
import { bandPath, type BandPoint, type Scale } from './geometry';

export interface Band {
  key: string;
  color: string;
  points: BandPoint[];
  model?: string;
}

export const BandLayer = memo(function BandLayer(props: {
  className: string;
  bands: Band[];
  mode: 'area' | 'bars';
  opacity?: number;
}) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  return (
    <g className={props.className} aria-hidden="true">
      {props.bands.map((b) =>
        props.mode === 'area' ? (
          <Area key={b.key} band={b} x={x} y={y} opacity={props.opacity ?? 0.16} />
        ) : (
          <Bars key={b.key} band={b} x={x} y={y} />
        ),
      )}
    </g>
  );
});

const Area = memo(function Area(p: { band: Band; x: Scale; y: Scale; opacity: number }) {
  const d = useMemo(() => bandPath(p.band.points, p.x, p.y), [p.band.points, p.x, p.y]);
  return d ? (
    <path className="band" data-model={p.band.model} d={d} fill={p.band.color} fillOpacity={p.opacity} stroke="none" />
  ) : null;
});

const CAP = 5;

const Bars = memo(function Bars(p: { band: Band; x: Scale; y: Scale }) {
  return (
    <g className="band-bars" data-model={p.band.model} stroke={p.band.color} strokeWidth={2}>
      {p.band.points.map((b, i) => {
        const cx = p.x(b.x);
        const lo = p.y(b.lo);
        const hi = p.y(b.hi);
        if ([cx, lo, hi].some((v) => v == null || !Number.isFinite(v))) return null;
        return (
          <g key={i}>
            <line x1={cx} x2={cx} y1={lo} y2={hi} />
            <line x1={cx! - CAP} x2={cx! + CAP} y1={lo} y2={lo} />
            <line x1={cx! - CAP} x2={cx! + CAP} y1={hi} y2={hi} />
          </g>
        );
      })}
    </g>
  );
});

// The hover read-out: a cursor line at the hovered x and a box with every series' values there, read (by `rows`)
// only when shown. Its own state, so hovering re-renders nothing else, and it costs nothing when idle.
import { memo, useState, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { usePlotArea, useXAxisScale } from 'recharts';
import type { LegendItem } from './Legend';

export interface Row {
  id: string;
  what: string;
  value: number;
}

export const HoverReadout = memo(function HoverReadout(props: {
  items: LegendItem[];
  xDomain: number[];
  /** Where the cursor may stop (the x values the data have). */
  snap: (x: number) => number;
  heading: (x: number) => string;
  rows: (items: LegendItem[], x: number) => Row[];
  unit?: string;
}) {
  const plot = usePlotArea();
  const xScale = useXAxisScale();
  const [at, setAt] = useState<{ x: number; clientX: number; clientY: number } | null>(null);
  if (!plot || !xScale) return null;
  const [x0, x1] = props.xDomain;
  const move = (e: MouseEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const frac = r.width > 0 ? (e.clientX - r.left) / r.width : 0;
    const x = Math.min(x1, Math.max(x0, props.snap(x0 + frac * (x1 - x0))));
    setAt({ x, clientX: e.clientX, clientY: e.clientY });
  };
  const cx = at ? xScale(at.x) : undefined;
  const rows = at ? props.rows(props.items, at.x) : [];
  const byId = new Map(props.items.map((m) => [m.id, m]));
  const flip = at ? at.clientX > window.innerWidth / 2 : false;
  return (
    <g className="recharts-layer hover-layer">
      {cx !== undefined && Number.isFinite(cx) ? (
        <line
          x1={cx}
          x2={cx}
          y1={plot.y}
          y2={plot.y + plot.height}
          stroke="#999"
          strokeWidth={1}
          pointerEvents="none"
        />
      ) : null}
      <rect
        x={plot.x}
        y={plot.y}
        width={plot.width}
        height={plot.height}
        fill="transparent"
        onMouseMove={move}
        onMouseLeave={() => setAt(null)}
      />
      {at && rows.length
        ? createPortal(
            <div
              className="chart-tooltip chart-tooltip-float"
              role="presentation"
              style={{
                left: at.clientX,
                top: at.clientY,
                transform: flip ? 'translate(calc(-100% - 14px), 14px)' : 'translate(14px, 14px)',
              }}
            >
              <div className="muted">{props.heading(at.x)}</div>
              {rows.map((r) => {
                const m = byId.get(r.id);
                return (
                  <div key={`${r.id}|${r.what}`} style={{ color: m?.color }}>
                    {m?.label ?? r.id} · {r.what}: {r.value.toFixed(3)}
                    {props.unit ?? ''}
                  </div>
                );
              })}
            </div>,
            document.body,
          )
        : null}
    </g>
  );
});

// Legend pieces shared by the charts: a list of colour swatches, and a sample of a line style.
import { memo } from 'react';

export interface LegendItem {
  id: string;
  label: string;
  color: string;
}

/** One swatch and label per item (the label is the item's accessible text; the swatch is decoration). */
export const SwatchList = memo(function SwatchList(props: { items: LegendItem[]; label: string; className?: string }) {
  return (
    <ul className={props.className} aria-label={props.label}>
      {props.items.map((m) => (
        <li key={m.id}>
          <span className="swatch" style={{ background: m.color }} aria-hidden="true" />
          {m.label}
        </li>
      ))}
    </ul>
  );
});

/** A short horizontal line in a curve's dash pattern, for a legend of line styles. */
export function LineSample({ width, height, dash }: { width: number; height: number; dash?: string }) {
  return (
    <svg width={width} height={height} aria-hidden="true">
      <line x1="0" y1={height / 2} x2={width} y2={height / 2} stroke="#333" strokeWidth="3" strokeDasharray={dash} />
    </svg>
  );
}

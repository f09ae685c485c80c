// Every seed's value as a dot on a small strip (one scale per table column, so rows compare), each with its
// seed and value as a tooltip and in the strip's accessible name.
import { memo } from 'react';
import { seedTitle } from './format';
import type { SeedValue } from './resultRows';

const W = 76;
const H = 16;
const R = 4.5;

export const SeedDots = memo(function SeedDots(props: { dots: SeedValue[]; domain: [number, number]; color: string }) {
  const [lo, hi] = props.domain;
  const x = (v: number) => R + ((v - lo) / (hi - lo || 1)) * (W - 2 * R);
  return (
    <svg
      className="seed-dots"
      width={W}
      height={H}
      role="img"
      aria-label={`per seed: ${props.dots.map((d) => seedTitle(d.seed, d.value)).join(', ')}`}
    >
      <line x1={0} x2={W} y1={H / 2} y2={H / 2} stroke="#c9ced6" strokeWidth={1} />
      {props.dots.map((d) => (
        <circle
          key={d.seed}
          cx={x(d.value)}
          cy={H / 2}
          r={R}
          fill={props.color}
          fillOpacity={0.8}
          stroke="#fff"
          strokeWidth={1}
        >
          <title>{seedTitle(d.seed, d.value)}</title>
        </circle>
      ))}
    </svg>
  );
});

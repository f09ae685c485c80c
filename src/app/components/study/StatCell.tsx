// An accuracy over seeds: the mean in big figures, its sd (— for one seed), and every seed as a dot.
import { accText, sdText } from './format';
import type { StatView } from './resultRows';
import { SeedDots } from './SeedDots';

export function StatCell(props: { stat: StatView | null; domain: [number, number]; color: string; empty: string }) {
  const s = props.stat;
  if (!s) return <span className="muted">{props.empty}</span>;
  return (
    <div className="stat-cell">
      <span className="stat-mean">{accText(s.mean)}</span> <span className="stat-sd">{sdText(s.n, s.sd)}</span>
      <SeedDots dots={s.dots} domain={props.domain} color={props.color} />
    </div>
  );
}

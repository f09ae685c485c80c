// Per-class probabilities as horizontal bars with their value written out (the text is the alternative: the bars
// themselves are hidden from screen readers); optionally a min–max range per class over the bar.
import { memo } from 'react';
import { className, pct, rangeText } from './noiseText';

export interface BarRow {
  value: number;
  /** A range around the value (a fickle teacher's min and max over its dropout masks). */
  lo?: number;
  hi?: number;
}

interface Props {
  title: string;
  rows: BarRow[];
  classNames: string[];
  /** The true class: named in bold, "(true)" after it. */
  trueLabel: number;
  testId: string;
}

export const ClassBars = memo(function ClassBars({ title, rows, classNames, trueLabel, testId }: Props) {
  const hasRange = rows.some((r) => r.lo !== undefined);
  return (
    <figure className={hasRange ? 'noise-bars has-range' : 'noise-bars'} data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ul aria-label={title}>
        {rows.map((r, k) => {
          const ranged = r.lo !== undefined && r.hi !== undefined;
          return (
            <li key={k} className={k === trueLabel ? 'noise-bar is-true' : 'noise-bar'} data-testid="noise-bar">
              <span className="noise-bar-name">
                {className(classNames, k)}
                {k === trueLabel ? <span className="noise-bar-true"> (true)</span> : null}
              </span>
              <span className="noise-bar-track" aria-hidden="true">
                <span className="noise-bar-fill" style={{ width: `${r.value * 100}%` }} />
                {ranged ? (
                  <span
                    className="noise-bar-range"
                    data-testid="noise-bar-range"
                    style={{ left: `${r.lo! * 100}%`, width: `${Math.max(0, r.hi! - r.lo!) * 100}%` }}
                  />
                ) : null}
              </span>
              <span className="noise-bar-value">
                {ranged ? <span className="visually-hidden">mean </span> : null}
                {pct(r.value)}
                {ranged ? (
                  <span className="noise-bar-span">
                    <span className="visually-hidden">, range</span> {rangeText(r.lo!, r.hi!)}
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
});

// A model's paired differences from its reference(s): "+0.40 (−1.20 … +2.00) · better on 2 of 3 seeds", for
// clean and PGD accuracy. Only a difference whose 95 % interval leaves out 0 with 3 or more seeds is marked, and
// it says so in words; no model is ever called the best.
import type { DeltaView, RowView } from './resultRows';

const METRIC = { clean: 'clean', robust: 'PGD' } as const;

function Delta({ d }: { d: DeltaView }) {
  return (
    <div
      className={`delta delta-${d.kind}${d.clear ? ' delta-clear' : ''}`}
      data-testid="delta"
      data-metric={d.metric}
      data-kind={d.kind}
      data-clear={d.clear ?? undefined}
    >
      <span className="delta-metric">{d.kind !== 'none' || d.metric === 'robust' ? METRIC[d.metric] : ''}</span>
      <span className="delta-value">
        <span className="nowrap">{d.text}</span>
        {d.interval ? (
          <>
            {' '}
            <span className="nowrap delta-interval">{d.interval}</span>
          </>
        ) : null}
      </span>
      {d.detail || d.clear ? (
        <div className="delta-detail">
          {d.detail}
          {d.clear ? <strong className="delta-mark">{d.detail ? ' · ' : ''}interval excludes 0</strong> : null}
        </div>
      ) : null}
    </div>
  );
}

export function DeltaCell({ row }: { row: RowView }) {
  if (!row.deltas.length) return <span className="muted delta-note">{row.note ?? '—'}</span>;
  return (
    <>
      {row.deltas.map((r) => (
        <div key={r.refLabel} className="delta-ref">
          <div className="delta-vs">vs {r.refLabel}</div>
          <Delta d={r.clean} />
          {r.robust ? <Delta d={r.robust} /> : null}
        </div>
      ))}
    </>
  );
}

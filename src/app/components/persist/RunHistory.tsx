// Past runs kept in this browser (IndexedDB): every finished or stopped run is recorded (store/events.ts), newest
// first. Collapsed by default: it is a look back, not part of the experiment in front of you.
import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../../store';
import { CompareChart } from './CompareChart';
import { ImportRun } from './ImportRun';
import { size } from './format';
import { HistoryRow } from './HistoryRow';
import { StorageSummary } from './StorageSummary';
import './persist.css';

export function RunHistory() {
  const history = useStore((s) => s.history);
  const problem = useStore((s) => s.historyProblem);
  const compare = useStore((s) => s.compare);
  const [open, setOpen] = useState(false);

  useEffect(() => void useStore.getState().refreshHistory(), []);

  const total = history.reduce((n, h) => n + h.bytes, 0);
  // In the order they were picked: the first is run A (solid), the second run B (dashed).
  const compared = useMemo(
    () => compare.flatMap((id) => history.find((h) => h.record.id === id)?.record ?? []),
    [compare, history],
  );

  return (
    <details
      className="panel persist-history"
      data-testid="run-history"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        Run history{' '}
        <span className="muted">
          · {history.length ? `${history.length} run${history.length === 1 ? '' : 's'}, ${size(total)}` : 'none yet'}
        </span>
      </summary>
      {problem ? (
        <p className="note persist-warn" role="status">
          {problem}
        </p>
      ) : null}
      {history.length ? (
        <>
          <p className="muted persist-hint">
            Tick <em>Compare</em> on two runs to overlay their test-accuracy curves.
          </p>
          <ul className="persist-runs" aria-label="Past runs, newest first">
            {history.map(({ record, bytes }) => (
              <HistoryRow
                key={record.id}
                record={record}
                bytes={bytes}
                compared={compare.includes(record.id)}
                compareFull={compare.length >= 2}
              />
            ))}
          </ul>
        </>
      ) : problem ? null : (
        <p className="muted">Finished and stopped runs are listed here, and kept across reloads.</p>
      )}
      <p>
        <ImportRun />
      </p>
      {compared.length === 2 ? <CompareChart runs={compared} /> : null}
      {open ? <StorageSummary historyBytes={total} /> : null}
    </details>
  );
}

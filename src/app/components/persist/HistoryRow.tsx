// One past run: what it was, how it went, and what can be done with it (reopen its config, compare its curves,
// export it, delete it).
import { memo } from 'react';
import type { RunRecord } from '../../../storage/runs';
import { download, fileName } from '../../lib/exportFiles';
import { pct } from '../../lib/format';
import { useStore } from '../../store';
import { dateText, runLength, size } from './format';
import { backendText, bestStudent, datasetName, studentsText } from './historyText';
import { historyRunJson } from './runJson';

interface Props {
  record: RunRecord;
  bytes: number;
  compared: boolean;
  /** Two other runs are already selected. */
  compareFull: boolean;
}

/** Replaces the draft through the JSON editor's path, so an old record is validated like pasted JSON. */
function reopen(r: RunRecord): void {
  const s = useStore.getState();
  s.setJsonText(JSON.stringify(r.config));
  if (s.applyJson()) window.scrollTo({ top: 0, behavior: 'smooth' });
  // On failure the JSON editor shows why (jsonErrors) and the form keeps its config.
}

export const HistoryRow = memo(function HistoryRow({ record: r, bytes, compared, compareFull }: Props) {
  const toggleCompare = useStore((s) => s.toggleCompare);
  const deleteRun = useStore((s) => s.deleteHistoryRun);
  const best = bestStudent(r);
  const when = dateText(r.savedAt);
  const name = `run of ${when}`;

  const onDelete = () => {
    if (window.confirm(`Delete the ${name} (${datasetName(r)}) from the history?`)) void deleteRun(r.id);
  };

  return (
    <li className="persist-run" data-testid="history-row" data-run={r.id} data-status={r.status}>
      <div className="persist-run-main">
        <div>
          <strong>{when}</strong> · {datasetName(r)} ·{' '}
          <span className={`persist-status persist-status-${r.status}`}>
            {r.status === 'done' ? 'finished' : 'stopped'}
          </span>
        </div>
        <div className="muted persist-run-detail">
          {studentsText(r)} · {backendText(r)} · {runLength(r.seconds)} · {size(bytes)}
        </div>
        <div>
          {(r.cells?.length ?? 0) > 1 ? (
            <span data-testid="history-study">
              Study: {r.cells!.length} runs over seeds {[...new Set(r.cells!.map((c) => c.cell.seed))].join(', ')}
            </span>
          ) : (
            <>Highest student (one seed, not a winner):</>
          )}{' '}
          {(r.cells?.length ?? 0) > 1 ? null : best ? (
            <>
              <strong className="persist-acc">{pct(best.testAcc)} %</strong>{' '}
              <span className="muted">({best.label})</span>
            </>
          ) : (
            <span className="muted">none finished</span>
          )}
        </div>
      </div>
      <div className="persist-run-actions">
        <label className="inline-check persist-compare-check">
          <input
            type="checkbox"
            data-testid="history-compare"
            checked={compared}
            disabled={!compared && compareFull}
            title={!compared && compareFull ? 'Two runs are selected: clear one to pick another' : undefined}
            onChange={() => toggleCompare(r.id)}
          />
          Compare
        </label>
        <button
          type="button"
          className="small"
          data-testid="history-reopen"
          aria-label={`Reopen the config of the ${name}`}
          onClick={() => reopen(r)}
        >
          Reopen
        </button>
        <button
          type="button"
          className="small"
          data-testid="history-export"
          aria-label={`Export the ${name} as JSON`}
          onClick={() => download(historyRunJson(r), fileName('run', 'json', new Date(r.savedAt)), 'application/json')}
        >
          Export JSON
        </button>
        <button
          type="button"
          className="small danger"
          data-testid="history-delete"
          aria-label={`Delete the ${name}`}
          onClick={onDelete}
        >
          Delete
        </button>
      </div>
    </li>
  );
});

// Why the data set could not be loaded or imported: the worker's message names the file or the way out.
import { memo } from 'react';
import { useStore } from '../../store';
import { DATASET_LABELS, type DatasetId } from './datasets';

export const DataErrorBox = memo(function DataErrorBox() {
  const error = useStore((s) => s.dataError);
  const dismiss = useStore((s) => s.dismissDataError);
  const selected = useStore((s) => s.draft.data.dataset);
  const invalid = useStore((s) => Object.keys(s.fieldErrors).some((k) => k.startsWith('data.') || k === 'seed'));
  if (!error) return null;
  const title =
    error.dataset === 'import'
      ? 'Import failed'
      : `Could not load ${DATASET_LABELS[error.dataset as DatasetId] ?? error.dataset}`;
  // A failed load of the selected set can be retried (e.g. after a network hiccup); an import needs new files.
  const retry = error.dataset === selected;
  return (
    <div className="data-error" role="alert" data-testid="data-error">
      <div>
        <strong>{title}</strong>
        <p className="data-error-message">{error.message}</p>
      </div>
      <div className="data-error-actions">
        {retry ? (
          <button
            type="button"
            className="small"
            disabled={invalid}
            title={invalid ? 'Fix the data fields first' : undefined}
            onClick={() => {
              const s = useStore.getState();
              s.loadData(s.draft.data, s.draft.seed);
            }}
          >
            Try again
          </button>
        ) : null}
        <button type="button" className="small" onClick={dismiss} aria-label="Dismiss the data error">
          Dismiss
        </button>
      </div>
    </div>
  );
});

// Why the data set could not be loaded or imported: the worker's message names the file or the way out. An
// import's error and a load's are separate boxes, so a load starting after a failed import does not hide it.
import { memo, type ReactNode } from 'react';
import { useStore } from '../../store';
import { DATASET_LABELS, type DatasetId } from './datasets';

export const DataErrorBox = memo(function DataErrorBox() {
  const error = useStore((s) => s.dataError);
  const importError = useStore((s) => s.importError);
  const dismiss = useStore((s) => s.dismissDataError);
  const dismissImport = useStore((s) => s.dismissImportError);
  const selected = useStore((s) => s.draft.data.dataset);
  const invalid = useStore((s) => Object.keys(s.fieldErrors).some((k) => k.startsWith('data.') || k === 'seed'));
  // A failed load of the selected set can be retried (e.g. after a network hiccup); an import needs new files.
  const retry = error?.dataset === selected;
  return (
    <>
      {importError ? (
        <ErrorBox title="Import failed" message={importError} onDismiss={dismissImport} what="import error" />
      ) : null}
      {error ? (
        <ErrorBox
          title={`Could not load ${DATASET_LABELS[error.dataset as DatasetId] ?? error.dataset}`}
          message={error.message}
          onDismiss={dismiss}
          what="data error"
        >
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
        </ErrorBox>
      ) : null}
    </>
  );
});

function ErrorBox(props: {
  title: string;
  message: string;
  what: string;
  onDismiss: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="data-error" role="alert" data-testid="data-error">
      <div>
        <strong>{props.title}</strong>
        <p className="data-error-message">{props.message}</p>
      </div>
      <div className="data-error-actions">
        {props.children}
        <button type="button" className="small" onClick={props.onDismiss} aria-label={`Dismiss the ${props.what}`}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

// The current (or last) run as files: everything as one JSON, each trained model as a .kdnpm file (the worker
// holds the weights and answers with the file), and .kdnpm files imported into the attack lab.
import { memo, useRef } from 'react';
import type { Store } from '../../store';
import { isActive, useStore } from '../../store';
import { sameFields, useDeferredStore } from '../../store/useDeferredStore';
import { download, fileName } from '../../lib/exportFiles';
import { currentRunJson } from './runJson';
import './persist.css';

const sel = (s: Store) => ({
  status: s.status,
  runConfig: s.runConfig,
  results: s.results,
  dataset: s.dataset,
  backend: s.resultsBackend ?? s.backend,
  totalSeconds: s.totalSeconds,
});

export const RunExport = memo(function RunExport() {
  const run = useDeferredStore(sel, sameFields);
  const exportModel = useStore((s) => s.exportModel);
  const importModels = useStore((s) => s.importModels);
  const input = useRef<HTMLInputElement>(null);
  const active = isActive(run.status);
  const { runConfig } = run;

  const exportRun = () => {
    if (runConfig) download(currentRunJson({ ...run, runConfig }), fileName('run', 'json'), 'application/json');
  };

  return (
    <section className="panel persist-export" aria-labelledby="export-heading">
      <h2 id="export-heading" className="persist-h">
        Export and import
      </h2>
      <div className="button-row">
        <button
          type="button"
          data-testid="export-run"
          disabled={!runConfig || active}
          title={active ? 'Available when the run has ended' : undefined}
          onClick={exportRun}
        >
          Export run (JSON)
        </button>
        <button
          type="button"
          disabled={active}
          title={active ? 'Available when the run has ended' : undefined}
          onClick={() => input.current?.click()}
        >
          Import model files…
        </button>
        {/* Hidden from sight and from Tab: the button above opens it, and tests set files on it directly. */}
        <input
          ref={input}
          type="file"
          accept=".kdnpm"
          multiple
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Model files (.kdnpm) to import into the attack lab"
          data-testid="import-model-input"
          onChange={(e) => {
            importModels(Array.from(e.target.files ?? []));
            e.target.value = ''; // picking the same files again must fire change again
          }}
        />
      </div>
      {run.status === 'done' && run.results.length ? (
        <div className="persist-models">
          <span id="download-models-label" className="persist-label">
            Download model (.kdnpm):
          </span>
          <ul className="persist-inline" aria-labelledby="download-models-label">
            {run.results.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className="small"
                  data-testid="download-model"
                  data-model={r.id}
                  aria-label={`Download model ${r.label}`}
                  onClick={() => exportModel(r.id)}
                >
                  {r.label}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="muted persist-hint">
        Imported models join the attack lab, evaluated on the data set selected in the form.
      </p>
    </section>
  );
});

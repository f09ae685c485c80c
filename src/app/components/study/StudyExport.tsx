// The study's files: one row per model × seed, the summary (statistics, paired Δ, claim verdicts), and one JSON
// with the config (its study and attack settings), every finished run's outcome and the summary.
import { memo } from 'react';
import { download, fileName } from '../../lib/exportFiles';
import { useStore } from '../../store';
import { perSeedCsv, studyJson, summaryCsv } from './studyExport';
import { useStudy } from './useStudy';

export const StudyExport = memo(function StudyExport() {
  const { summary, runConfig, outcomes, status } = useStudy();
  if (!summary || !runConfig) return null;
  const json = () => {
    const s = useStore.getState();
    const backend = s.resultsBackend ?? s.backend;
    const text = studyJson({ runConfig, status, dataset: s.dataset, backend, outcomes, summary });
    download(text, fileName('study', 'json'), 'application/json');
  };
  return (
    <section className="panel study-export" aria-labelledby="study-export-heading">
      <h2 id="study-export-heading" className="persist-h">
        Export the study
      </h2>
      <div className="button-row">
        <button
          type="button"
          data-testid="study-per-seed-csv"
          onClick={() => download(perSeedCsv(summary), fileName('study-per-seed', 'csv'), 'text/csv')}
        >
          Per-seed CSV
        </button>
        <button
          type="button"
          data-testid="study-summary-csv"
          onClick={() => download(summaryCsv(summary), fileName('study-summary', 'csv'), 'text/csv')}
        >
          Summary CSV
        </button>
        <button type="button" data-testid="study-json" onClick={json}>
          Study JSON
        </button>
      </div>
      <p className="muted persist-hint">
        Per-seed: one row per model and seed. Summary: mean, sd, paired Δ with 95 % intervals and the claims’ verdicts.
        JSON: the config with its seeds and attack settings, every finished run’s results and the summary.
      </p>
    </section>
  );
});

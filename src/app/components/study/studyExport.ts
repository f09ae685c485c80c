// A study as files: per-seed and summary CSV (core/study/csv.ts, the CLI's format) and one JSON with everything
// needed to reproduce and re-analyse it: the config with its study and attack settings, every finished cell's
// outcome (models, results with epoch histories, times) and the summary with the claims' verdicts.
import type { ExperimentConfig } from '../../../core/config/schema';
import {
  claimLines,
  perSeedRows,
  studyOf,
  summaryRows,
  toCsv,
  type CellOutcome,
  type StudySummary,
} from '../../../core/study';
import type { BackendInfo, DatasetSummary } from '../../../worker/protocol';
import { APP_VERSION } from '../../lib/version';

export const perSeedCsv = (s: StudySummary) => toCsv(perSeedRows(s));
export const summaryCsv = (s: StudySummary) => toCsv(summaryRows(s));

export interface StudyExport {
  runConfig: ExperimentConfig;
  status: string;
  dataset: DatasetSummary | null;
  backend: BackendInfo | null;
  outcomes: readonly CellOutcome[];
  summary: StudySummary;
}

/** Non-finite numbers (an interval of one seed) become null, as JSON.stringify writes them anyway. */
export function studyJson(x: StudyExport): string {
  const study = studyOf(x.runConfig);
  return JSON.stringify(
    {
      app: 'kd-noise-playground',
      kind: 'study',
      version: APP_VERSION,
      exportedAt: new Date().toISOString(),
      status: x.status,
      seeds: study.seeds,
      sweep: study.sweep ?? null,
      attack: x.runConfig.attack,
      config: x.runConfig,
      dataset: x.dataset,
      backend: x.backend,
      cells: [...x.outcomes].sort((a, b) => a.cell.index - b.cell.index),
      summary: x.summary,
      verdicts: x.summary.groups.map((g) => ({ value: g.value, lines: claimLines(g.claims) })),
    },
    null,
    2,
  );
}

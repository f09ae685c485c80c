// The JSON files a run is exported as: everything needed to reproduce it (config with its seed, backend) and to
// re-plot it (per-model results with their per-epoch histories), stamped with the app version.
import type { ExperimentConfig } from '../../../core/config/schema';
import type { ModelResult } from '../../../core/train/events';
import type { RunRecord } from '../../../storage/runs';
import type { BackendInfo, DatasetSummary } from '../../../worker/protocol';
import { APP_VERSION } from '../../lib/version';

const header = () => ({ app: 'kd-noise-playground', version: APP_VERSION, exportedAt: new Date().toISOString() });

export interface CurrentRun {
  runConfig: ExperimentConfig;
  status: string;
  dataset: DatasetSummary | null;
  backend: BackendInfo | null;
  totalSeconds: number | null;
  results: ModelResult[];
}

export function currentRunJson(r: CurrentRun): string {
  const { runConfig, ...rest } = r;
  return JSON.stringify({ ...header(), seeds: { run: runConfig.seed }, runConfig, ...rest }, null, 2);
}

/** A history record as it is stored, plus the version of the app that exports it (the record has its own). */
export function historyRunJson(record: RunRecord): string {
  return JSON.stringify({ ...header(), seeds: { run: record.config.seed }, run: record }, null, 2);
}

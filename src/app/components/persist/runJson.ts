// The JSON files a run is exported as: everything needed to reproduce it (config with its seed, backend) and to
// re-plot it (per-model results with their per-epoch histories), stamped with the app version.
import { z } from 'zod';
import { repairConfig } from '../../../core/config/repair';
import type { ExperimentConfig } from '../../../core/config/schema';
import type { ModelResult } from '../../../core/train/events';
import { newRunId, type RunRecord } from '../../../storage/runs';
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

const num = z.number().refine(Number.isFinite, 'must be a finite number');
const epochMetrics = z.object({
  id: z.string(),
  epoch: z.number().int().min(1),
  trainLoss: num,
  trainAcc: num,
  testLoss: num,
  testAcc: num,
  seconds: num,
  imgPerSec: num,
  // Clean cross-entropy / accuracy on a training subset (core/train/cleanTrain.ts); absent in older exports.
  cleanTrainLoss: num.optional(),
  cleanTrainAcc: num.optional(),
});
const modelResult = z.object({
  id: z.string().max(100),
  label: z.string().max(200),
  kind: z.enum(['teacher', 'student']),
  method: z.string().max(100),
  architecture: z.string().max(200),
  params: num,
  testAcc: num,
  testLoss: num,
  trainAcc: z.number().or(z.null().transform(() => NaN)),
  trainLoss: z.number().or(z.null().transform(() => NaN)),
  seconds: num,
  imgPerSec: num,
  history: z.array(epochMetrics).max(1000),
});

/**
 * A run exported by this app (from the history or the current run) read back into a history record. The config
 * goes through the same repair as a share link, so a hand-edited or older file still opens; results must be
 * well-formed or the file is refused with a message naming the field.
 */
export function parseRunJson(text: string, file: string): { record: RunRecord; notices: string[] } {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  if (json?.app !== 'kd-noise-playground') throw new Error(`${file}: not a run exported by KD Noise Playground`);
  const run = (json.run ?? json) as Record<string, unknown>;
  const { config, notices } = repairConfig(run.config ?? run.runConfig);
  const results = z.array(modelResult).max(20).safeParse(run.results);
  if (!results.success) {
    const i = results.error.issues[0];
    throw new Error(`${file}: results.${i.path.join('.')}: ${i.message}`);
  }
  const backend = run.backend as { name?: unknown; adapter?: unknown } | null;
  const record: RunRecord = {
    id: newRunId(),
    savedAt: typeof run.savedAt === 'number' && Number.isFinite(run.savedAt) ? run.savedAt : Date.now(),
    appVersion: typeof json.version === 'string' ? json.version.slice(0, 20) : 'unknown',
    config,
    backend: {
      name: typeof backend?.name === 'string' ? backend.name.slice(0, 20) : 'unknown',
      adapter: typeof backend?.adapter === 'string' ? backend.adapter.slice(0, 200) : '',
    },
    status: run.status === 'stopped' ? 'stopped' : 'done',
    seconds:
      typeof run.seconds === 'number' ? run.seconds : typeof run.totalSeconds === 'number' ? run.totalSeconds : 0,
    results: results.data,
  };
  return { record, notices: notices.map((n) => `${n.field}: ${n.message}`) };
}

// Run history in IndexedDB: one small record per finished (or stopped) run, enough to reopen its config,
// compare its curves with another run's, and export it. Weights are not kept here (teachers.ts caches teachers).
import type { CellOutcome } from '../core/study/outcome';
import { del, entries, get, set } from 'idb-keyval';
import type { ExperimentConfig } from '../core/config/schema';
import type { ModelResult } from '../core/train/events';
import { attempt, store, type StorageResult } from './db';

export interface RunRecord {
  id: string;
  savedAt: number;
  appVersion: string;
  config: ExperimentConfig;
  backend: { name: string; adapter: string };
  status: 'done' | 'stopped';
  seconds: number;
  results: ModelResult[];
  /** Every finished cell of the run's study (its seeds × sweep values), with clean and PGD accuracy. */
  cells?: CellOutcome[];
  /** Robustness figures computed in the lab for this run, if any (CSV-ready rows). */
  robustness?: unknown;
}

const db = () => store('runs');
const key = (id: string) => `run:${id}`;

export const newRunId = () => `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;

export function saveRun(r: RunRecord): Promise<StorageResult> {
  return attempt(() => set(key(r.id), r, db()));
}

export async function getRun(id: string): Promise<RunRecord | undefined> {
  return get<RunRecord>(key(id), db());
}

/** Newest first, with each record's approximate stored size. */
export async function listRuns(): Promise<{ record: RunRecord; bytes: number }[]> {
  const all = await entries<string, RunRecord>(db());
  return all
    .filter(([k]) => k.startsWith('run:'))
    .map(([, record]) => ({ record, bytes: JSON.stringify(record).length }))
    .sort((a, b) => b.record.savedAt - a.record.savedAt);
}

export function deleteRun(id: string): Promise<StorageResult> {
  return attempt(() => del(key(id), db()));
}

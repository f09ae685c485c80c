// Checkpoints of runs in progress, one record per run (keyed by the run's key), written after every finished
// epoch and deleted when the run ends normally, so a reload or a closed tab can offer "Resume" from the last
// finished epoch. Two tabs training at once write two records; which tab owns which run is a Web Lock
// (worker/runLocks.ts), not something stored here.
import { del, entries, get, set } from 'idb-keyval';
import type { ExperimentConfig } from '../core/config/schema';
import type { CellOutcome } from '../core/study/outcome';
import type { RunCheckpoint } from '../core/train/checkpoint';
import { attempt, store, type StorageResult } from './db';

export interface StoredCheckpoint {
  /** The run's key (also the record's key). Records of older versions were all stored under 'current'. */
  runKey: string;
  savedAt: number;
  stepMode: boolean;
  /** Of the cell in progress (for a plain run, of the run). */
  checkpoint: RunCheckpoint;
  /**
   * A study's progress: its base config, the cells finished (with their results), and the index of the cell the
   * checkpoint belongs to. A cell in `done` whose checkpoint this still is has finished: resume starts the next.
   */
  study?: { base: ExperimentConfig; done: CellOutcome[]; cell: number };
}

const db = () => store('checkpoints');

export function saveCheckpoint(c: StoredCheckpoint): Promise<StorageResult> {
  return attempt(() => set(c.runKey, c, db()));
}

export async function loadCheckpoint(runKey: string): Promise<StoredCheckpoint | null> {
  const c = await get<StoredCheckpoint>(runKey, db());
  return c ? { ...c, runKey } : null;
}

/** Every stored checkpoint, newest first. */
export async function listCheckpoints(): Promise<StoredCheckpoint[]> {
  const all = await entries<string, StoredCheckpoint>(db());
  return all.map(([runKey, c]) => ({ ...c, runKey })).sort((a, b) => b.savedAt - a.savedAt);
}

export function deleteCheckpoint(runKey: string): Promise<StorageResult> {
  return attempt(() => del(runKey, db()));
}

// The checkpoint of the run in progress (one slot): written after every finished epoch, deleted when the run
// ends normally, so a reload or a closed tab can offer "Resume" from the last finished epoch.
import { del, get, set } from 'idb-keyval';
import type { RunCheckpoint } from '../core/train/checkpoint';
import { attempt, store, type StorageResult } from './db';

export interface StoredCheckpoint {
  savedAt: number;
  stepMode: boolean;
  checkpoint: RunCheckpoint;
}

const db = () => store('checkpoints');
const SLOT = 'current';

export function saveCheckpoint(c: StoredCheckpoint): Promise<StorageResult> {
  return attempt(() => set(SLOT, c, db()));
}

export async function loadCheckpoint(): Promise<StoredCheckpoint | null> {
  return (await get<StoredCheckpoint>(SLOT, db())) ?? null;
}

export function deleteCheckpoint(): Promise<StorageResult> {
  return attempt(() => del(SLOT, db()));
}

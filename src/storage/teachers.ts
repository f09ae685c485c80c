// Trained teachers in IndexedDB, keyed by everything that determines them (data set, architecture, training
// hyperparameters, seed, label noise), so repeating an experiment with new students skips teacher training
// even after a reload.
import { clear, entries, get, set } from 'idb-keyval';
import type { SavedModel } from '../core/nn/serialize';
import { sha256Hex } from '../core/data/manifest';
import { attempt, store, type StorageResult } from './db';

export interface CachedTeacher {
  /** The full determining key (JSON), kept to rule out hash collisions. */
  key: string;
  savedAt: number;
  model: SavedModel;
}

const db = () => store('teachers');
const hashKey = async (key: string) => `teacher:${await sha256Hex(new TextEncoder().encode(key))}`;

export async function loadTeacher(key: string): Promise<SavedModel | null> {
  const hit = await get<CachedTeacher>(await hashKey(key), db());
  return hit && hit.key === key ? hit.model : null;
}

export async function saveTeacher(key: string, model: SavedModel): Promise<StorageResult> {
  const k = await hashKey(key);
  return attempt(() => set(k, { key, savedAt: Date.now(), model } satisfies CachedTeacher, db()));
}

/** Count and approximate bytes of the cached teachers (for the storage summary). */
export async function teacherCacheSize(): Promise<{ count: number; bytes: number }> {
  const all = await entries<string, CachedTeacher>(db());
  let bytes = 0;
  for (const [, t] of all) for (const v of t.model.variables) bytes += v.data.byteLength;
  return { count: all.length, bytes };
}

export async function clearTeachers(): Promise<StorageResult> {
  return attempt(() => clear(db()));
}

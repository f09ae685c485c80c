// The IndexedDB stores (idb-keyval, one database per purpose so each can be cleared on its own) and the
// plain-words reasons storage fails: private windows without IndexedDB, a full quota.
import { createStore, get, set, type UseStore } from 'idb-keyval';

export type StorageResult = { ok: true } | { ok: false; reason: string };

const stores = new Map<string, UseStore>();

export type StoreName = 'data' | 'teachers' | 'runs' | 'checkpoints' | 'speed' | 'backend' | 'tune';

export function store(name: StoreName): UseStore {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this browser context');
  let s = stores.get(name);
  if (!s) stores.set(name, (s = createStore(`kd-noise-playground-${name}`, name)));
  return s;
}

export function storageFailure(e: unknown): string {
  const err = e as { name?: string; message?: string };
  if (err?.name === 'QuotaExceededError') return 'the browser storage quota is exceeded';
  if (typeof indexedDB === 'undefined' || err?.name === 'InvalidStateError' || err?.name === 'SecurityError')
    return 'browser storage (IndexedDB) is unavailable here, e.g. in a private window';
  return `browser storage failed (${err?.name ?? 'error'}: ${err?.message ?? String(e)})`;
}

/** Runs a storage write and reports failure as a value: the app keeps working in memory either way. */
export async function attempt(write: () => Promise<void>): Promise<StorageResult> {
  try {
    await write();
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: storageFailure(e) };
  }
}

/** A cache read: failing storage reads as nothing stored (the caller measures or tunes again). */
export async function cacheGet<T>(name: StoreName, key: string): Promise<T | undefined> {
  try {
    return await get<T>(key, store(name));
  } catch {
    return undefined;
  }
}

/** A cache write: failing storage only means doing the work again next time. */
export async function cachePut(name: StoreName, key: string, value: unknown): Promise<void> {
  try {
    await set(key, value, store(name));
  } catch {
    // no storage: the value holds for this session only
  }
}

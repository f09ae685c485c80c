// Measured training speeds of this device, one per backend and adapter (a new GPU or browser update measures
// again), so time estimates are calibrated from the first visit on, not only after a run.
import { set } from 'idb-keyval';
import { attempt, cacheGet, store, type StorageResult } from './db';

export interface MeasuredSpeed {
  /** Training img/s of the default student (core/train/speedProbe.ts). */
  imgPerSec: number;
  backend: string;
  adapter: string;
  measuredAt: number;
}

const keyOf = (backend: string, adapter: string) => `${backend}|${adapter}`;

/** Null where nothing is stored or storage fails: the app measures again when it needs to. */
export async function loadSpeed(backend: string, adapter: string): Promise<MeasuredSpeed | null> {
  return (await cacheGet<MeasuredSpeed>('speed', keyOf(backend, adapter))) ?? null;
}

export function saveSpeed(m: MeasuredSpeed): Promise<StorageResult> {
  return attempt(() => set(keyOf(m.backend, m.adapter), m, store('speed')));
}

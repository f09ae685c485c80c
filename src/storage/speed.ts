// Measured training speeds of this device, one per backend and adapter (a new GPU or browser update measures
// again), so time estimates are calibrated from the first visit on, not only after a run.
import { get, set } from 'idb-keyval';
import { attempt, store, type StorageResult } from './db';

export interface MeasuredSpeed {
  /** Training img/s of the default student (core/train/speedProbe.ts). */
  imgPerSec: number;
  backend: string;
  adapter: string;
  measuredAt: number;
}

const keyOf = (backend: string, adapter: string) => `${backend}|${adapter}`;

export async function loadSpeed(backend: string, adapter: string): Promise<MeasuredSpeed | null> {
  try {
    return (await get<MeasuredSpeed>(keyOf(backend, adapter), store('speed'))) ?? null;
  } catch {
    return null; // no storage: the app measures again when it needs to
  }
}

export function saveSpeed(m: MeasuredSpeed): Promise<StorageResult> {
  return attempt(() => set(keyOf(m.backend, m.adapter), m, store('speed')));
}

// The autotuner's choices (core/nn/tune) in IndexedDB, so a later visit on the same device, browser backend and
// tfjs version skips tuning. A storage failure only means tuning again: reads answer nothing, writes are dropped.
import { get, set } from 'idb-keyval';
import type { TuneCache, TuneRecord } from '../core/nn/tune/cache';
import { store } from './db';

export function idbTuneCache(): TuneCache {
  return {
    async get(key) {
      try {
        return await get<TuneRecord>(key, store('tune'));
      } catch {
        return undefined;
      }
    },
    async set(key, record) {
      try {
        await set(key, record, store('tune'));
      } catch {
        // no storage: this device tunes again next time
      }
    },
  };
}

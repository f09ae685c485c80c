// The autotuner's choices (core/nn/tune) in IndexedDB, so a later visit on the same device, browser backend and
// tfjs version skips tuning. A storage failure only means tuning again: reads answer nothing, writes are dropped.
import type { TuneCache, TuneRecord } from '../core/nn/tune/cache';
import { cacheGet, cachePut } from './db';

export function idbTuneCache(): TuneCache {
  return {
    get: (key) => cacheGet<TuneRecord>('tune', key),
    set: (key, record) => cachePut('tune', key, record),
  };
}

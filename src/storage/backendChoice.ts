// The 'auto' backend choice measured on this device (worker/backendProbe.ts), keyed by the device's candidates,
// their adapters and the tfjs version: a new GPU, driver name or tfjs release measures again. A storage failure
// only means measuring again.
import type { BackendChoice, ChoiceCache } from '../worker/backendProbe';
import { cacheGet, cachePut } from './db';

export const backendChoiceCache: ChoiceCache = {
  get: async (key) => (await cacheGet<BackendChoice>('backend', key)) ?? null,
  set: (key, c) => cachePut('backend', key, c),
};

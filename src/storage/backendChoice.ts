// The 'auto' backend choice measured on this device (worker/backendProbe.ts), keyed by the device's candidates,
// their adapters and the tfjs version: a new GPU, driver name or tfjs release measures again.
import { get, set } from 'idb-keyval';
import type { BackendChoice, ChoiceCache } from '../worker/backendProbe';
import { store } from './db';

export const backendChoiceCache: ChoiceCache = {
  async get(key) {
    try {
      return (await get<BackendChoice>(key, store('backend'))) ?? null;
    } catch {
      return null; // no storage: measure again
    }
  },
  async set(key, c) {
    try {
      await set(key, c, store('backend'));
    } catch {
      // no storage: the choice holds for this session only
    }
  },
};

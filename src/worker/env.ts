// What the worker's modules need from their surroundings, passed in rather than imported, so the same code runs
// in the browser's worker (worker.ts) and in-process in Node tests (host.test.ts) on a real tfjs backend.
import type { BackendPreference } from '../core/config/schema';
import type { BackendInfo, BackendName, WorkerEvent } from './protocol';
import type { TuneCache } from '../core/nn/tune/cache';
import type { RunLocks } from './runLocks';

export interface WorkerEnv {
  /** Sends an event to the main thread. */
  post: (e: WorkerEvent) => void;
  /** Activates a tfjs backend for this preference, never one in `avoid` (they lost their device), and describes it. */
  selectBackend: (pref: BackendPreference, avoid: ReadonlySet<BackendName>) => Promise<BackendInfo>;
  /** Settles with the reason when the active backend's device is lost (WebGPU's `device.lost`); else never. */
  deviceLost: (backend: BackendInfo) => Promise<string>;
  /** Same-origin assets (the embedded MNIST-10k) by file name. */
  fetchAsset: (file: string) => Promise<Uint8Array>;
  /** Which tab owns which run (Web Locks in the browser). */
  locks: RunLocks;
  /** Where the autotuner keeps its choices (IndexedDB in the browser); without one, runs do not tune. */
  tuneCache?: TuneCache;
}

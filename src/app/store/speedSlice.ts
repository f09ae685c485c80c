// This device's measured training speed, for the time estimates (presets, the run guard, studies): loaded from
// storage when a backend is ready, measured by the worker's speed test when asked (the preset menu, a study being
// set up, the estimate line's button) and kept per backend and adapter.
import { loadSpeed, saveSpeed, type MeasuredSpeed } from '../../storage/speed';
import type { BackendInfo, WorkerEvent } from '../../worker/protocol';
import { getClient } from './client';
import { isActive } from './runSlice';
import type { SliceCreator } from './types';

export interface SpeedSlice {
  /** The stored or just measured speed of the active backend; null until measured there. */
  speedProbe: MeasuredSpeed | null;
  /** The id of the speed test in flight. */
  speedTestId: number | null;
  /** Why the last speed test measured nothing (a run started, an error). */
  speedProblem: string | null;
  measureSpeed(): void;
  loadSpeedFor(backend: BackendInfo): Promise<void>;
  applySpeedEvent(e: Extract<WorkerEvent, { type: 'speed' }>): void;
}

export const createSpeedSlice: SliceCreator<SpeedSlice> = (set, get) => ({
  speedProbe: null,
  speedTestId: null,
  speedProblem: null,

  measureSpeed: () => {
    const s = get();
    if (s.speedTestId !== null || isActive(s.status) || s.backendPending) return;
    try {
      set({ speedTestId: getClient().speedTest(s.draft.backend), speedProblem: null });
    } catch (e) {
      set({ speedProblem: (e as Error).message });
    }
  },

  loadSpeedFor: async (backend) => {
    const m = await loadSpeed(backend.name, backend.adapter);
    const now = get().backend;
    // Only if that backend is still the active one (a switch may have happened meanwhile).
    if (now?.name === backend.name && now.adapter === backend.adapter) set({ speedProbe: m });
  },

  applySpeedEvent: (e) => {
    if (e.id !== get().speedTestId) return;
    if (!e.probe || !e.backend) {
      set({ speedTestId: null, speedProblem: e.reason ?? 'not measured' });
      return;
    }
    const m: MeasuredSpeed = {
      imgPerSec: e.probe.imgPerSec,
      backend: e.backend.name,
      adapter: e.backend.adapter,
      measuredAt: Date.now(),
    };
    set({ speedTestId: null, speedProbe: m, speedProblem: null });
    void saveSpeed(m); // a failed save only means measuring again next visit
  },
});

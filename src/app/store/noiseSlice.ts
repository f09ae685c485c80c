// The noise panel and the live prediction grid: whether the panel is open (the worker computes noise views only
// then), the latest view of the model in training and the latest grid. Both go when a run or a study cell begins.
import type { NoiseView, PredictionGrid, WorkerEvent } from '../../worker/protocol';
import { getClient } from './client';
import type { SliceCreator } from './types';

export interface NoiseSlice {
  noiseOpen: boolean;
  noiseView: NoiseView | null;
  predictionGrid: PredictionGrid | null;
  setNoiseOpen(on: boolean): void;
  clearNoise(): void;
  applyNoiseEvent(e: Extract<WorkerEvent, { type: 'noise-view' | 'predictions' }>): void;
}

export const createNoiseSlice: SliceCreator<NoiseSlice> = (set) => ({
  noiseOpen: false,
  noiseView: null,
  predictionGrid: null,

  setNoiseOpen: (on) => {
    set({ noiseOpen: on });
    try {
      getClient().noiseView(on);
    } catch {
      // No worker (it failed to start): the run error says so; the panel just stays empty.
    }
  },

  clearNoise: () => set({ noiseView: null, predictionGrid: null }),

  applyNoiseEvent: (e) => set(e.type === 'noise-view' ? { noiseView: e.view } : { predictionGrid: e.grid }),
});

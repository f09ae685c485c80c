// What a run produced: bounded chart series per model, per-epoch metrics, and the per-model results.
import type { BackendInfo } from '../../worker/protocol';
import type { EpochMetrics, ModelResult, StepSample } from '../../core/train/events';
import { appendPoints, emptySeries, type Series } from '../lib/series';
import type { SliceCreator } from './types';

export interface ResultsSlice {
  /** Training loss vs fractional epoch, per model id. */
  stepSeries: Record<string, Series>;
  /** Completed epochs, per model id. */
  epochs: Record<string, EpochMetrics[]>;
  /** One per finished model, in phase order. */
  results: ModelResult[];
  totalSeconds: number | null;
  resultsBackend: BackendInfo | null;

  clearResults(): void;
  addSteps(samples: StepSample[]): void;
  addEpoch(m: EpochMetrics): void;
  addResult(r: ModelResult): void;
  finishResults(results: ModelResult[], seconds: number, backend: BackendInfo): void;
}

export const createResultsSlice: SliceCreator<ResultsSlice> = (set, get) => ({
  stepSeries: {},
  epochs: {},
  results: [],
  totalSeconds: null,
  resultsBackend: null,

  clearResults: () => set({ stepSeries: {}, epochs: {}, results: [], totalSeconds: null, resultsBackend: null }),

  addSteps: (samples) => {
    if (!samples.length) return;
    const byId = new Map<string, { x: number; y: number }[]>();
    for (const s of samples) {
      if (!Number.isFinite(s.loss)) continue;
      const list = byId.get(s.id) ?? [];
      list.push({ x: s.progress, y: s.loss });
      byId.set(s.id, list);
    }
    const stepSeries = { ...get().stepSeries };
    for (const [id, pts] of byId) stepSeries[id] = appendPoints(stepSeries[id] ?? emptySeries(), pts);
    set({ stepSeries });
  },

  addEpoch: (m) => {
    const prev = get().epochs[m.id] ?? [];
    set({ epochs: { ...get().epochs, [m.id]: [...prev.filter((e) => e.epoch !== m.epoch), m] } });
  },

  addResult: (r) => {
    const results = get().results.filter((x) => x.id !== r.id);
    set({ results: [...results, r] });
  },

  finishResults: (results, seconds, backend) => set({ results, totalSeconds: seconds, resultsBackend: backend }),
});

// The app store: config, run and results slices in one zustand store, fed by the worker client.
import { create } from 'zustand';
import { createAttackSlice } from './attackSlice';
import { setEventSink } from './client';
import { createConfigSlice } from './configSlice';
import { createDataSlice } from './dataSlice';
import { handleWorkerEvent } from './events';
import { createNoiseSlice } from './noiseSlice';
import { createPersistSlice } from './persistSlice';
import { createResultsSlice } from './resultsSlice';
import { createRunSlice, isActive } from './runSlice';
import { createShareSlice } from './shareSlice';
import { createSpeedSlice } from './speedSlice';
import { createStudySlice } from './studySlice';
import type { Store } from './types';

export const useStore = create<Store>()((...a) => ({
  ...createConfigSlice(...a),
  ...createRunSlice(...a),
  ...createResultsSlice(...a),
  ...createDataSlice(...a),
  ...createAttackSlice(...a),
  ...createPersistSlice(...a),
  ...createShareSlice(...a),
  ...createSpeedSlice(...a),
  ...createStudySlice(...a),
  ...createNoiseSlice(...a),
}));

setEventSink((e) => handleWorkerEvent(e, useStore.getState, useStore.setState));

// A changed backend preference re-initialises the worker while idle, so the badge always tells the truth.
// The first init is the App's (on mount), so importing the store spawns no worker.
useStore.subscribe((s, prev) => {
  if (s.draft.backend !== prev.draft.backend && s.sentPref !== null && !isActive(s.status)) {
    s.initBackend(s.draft.backend);
  }
});

export { isActive };
export type { RunStatus, Store } from './types';

// The store's shape, split into slices that live in their own files.
import type { StateCreator } from 'zustand';
import type { AttackSlice } from './attackSlice';
import type { ConfigSlice } from './configSlice';
import type { DataSlice } from './dataSlice';
import type { NoiseSlice } from './noiseSlice';
import type { PersistSlice } from './persistSlice';
import type { ResultsSlice } from './resultsSlice';
import type { RunSlice } from './runSlice';
import type { ShareSlice } from './shareSlice';
import type { SpeedSlice } from './speedSlice';
import type { StudySlice } from './studySlice';

export type Store = ConfigSlice &
  RunSlice &
  ResultsSlice &
  DataSlice &
  AttackSlice &
  PersistSlice &
  ShareSlice &
  SpeedSlice &
  StudySlice &
  NoiseSlice;
export type SliceCreator<S> = StateCreator<Store, [], [], S>;

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'stopped' | 'error';

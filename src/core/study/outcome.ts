// What one finished cell of a study hands back (worker → app, and kept in the study's checkpoint): the per-model
// records the statistics use, the trainer's results with their epoch histories (for curves across seeds), times.
import type { ModelResult } from '../train/events';
import type { ModelRecord } from './aggregate';
import type { Cell } from './plan';

export interface RobustRun {
  /** "PGD-20 ε=0.1" (core/attacks attackLabel). */
  label: string;
  /** Test images attacked (the seeded subset). */
  count: number;
  seconds: number;
}

export interface CellOutcome {
  cell: Cell;
  models: ModelRecord[];
  results: ModelResult[];
  /** Training seconds (the trainer's), and the robust evaluation's; null when it was switched off. */
  seconds: number;
  robust: RobustRun | null;
}

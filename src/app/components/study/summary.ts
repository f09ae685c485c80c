// The study summary of the run in the store: its config's study, the finished cells' records, summarizeStudy.
// Memoised on the inputs' identity, so every view that reads it in one store change shares one computation.
import type { ExperimentConfig } from '../../../core/config/schema';
import { studyOf, summarizeStudy, type CellOutcome, type CellRecord, type StudySummary } from '../../../core/study';
import type { Store } from '../../store/types';

export const cellRecord = (o: CellOutcome): CellRecord => ({
  seed: o.cell.seed,
  value: o.cell.value,
  models: o.models,
});

/** The summary of `outcomes` under `config`'s study; null when there is nothing to summarise (or it cannot be). */
export function studySummary(config: ExperimentConfig | null, outcomes: readonly CellOutcome[]): StudySummary | null {
  if (!config || !outcomes.length) return null;
  try {
    return summarizeStudy(config, studyOf(config), outcomes.map(cellRecord));
  } catch {
    return null; // a sweep value the config refuses: the worker refused the study before training
  }
}

let lastIn: [ExperimentConfig | null, readonly CellOutcome[]] | null = null;
let lastOut: StudySummary | null = null;
export function selStudySummary(s: Pick<Store, 'runConfig' | 'cellOutcomes'>): StudySummary | null {
  if (lastIn && lastIn[0] === s.runConfig && lastIn[1] === s.cellOutcomes) return lastOut;
  lastIn = [s.runConfig, s.cellOutcomes];
  lastOut = studySummary(s.runConfig, s.cellOutcomes);
  return lastOut;
}

/** The group (sweep value) the views show: the chosen one, kept in range. */
export function viewGroup(summary: StudySummary, index: number) {
  return summary.groups[Math.min(Math.max(0, index), summary.groups.length - 1)];
}

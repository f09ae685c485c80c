// The Study section's summary line, "one run (seed 1) · …" or "3 seeds × 2 σ values = 6 runs", and the size
// wording StudyFieldset shows under its controls (one function, so both say the same).
import type { ExperimentConfig } from '../../../core/config/schema';
import { studyCells, studyOf, SWEEP_LABELS } from '../../../core/study';
import { useStore } from '../../store';

/** "3 seeds × 2 σ values" and the number of runs, or null without a study. */
export function studySize(draft: ExperimentConfig): { text: string; runs: number } | null {
  const study = draft.study;
  if (!study) return null;
  const seeds = `${study.seeds.length} seed${study.seeds.length === 1 ? '' : 's'}`;
  const values = study.sweep ? ` × ${study.sweep.values.length} ${SWEEP_LABELS[study.sweep.param]} values` : '';
  return { text: seeds + values, runs: studyCells(studyOf(draft)).length };
}

export function StudySummary() {
  const draft = useStore((s) => s.draft);
  const size = studySize(draft);
  if (!size) return <>one run (seed {draft.seed}) · add seeds to see the spread</>;
  return (
    <>
      {size.text} = {size.runs} run{size.runs === 1 ? '' : 's'}
    </>
  );
}

// The Study section's summary line: "one run, seed 1", or "3 seeds × 2 σ values = 6 runs".
import { studyCells, studyOf, SWEEP_LABELS } from '../../../core/study';
import { useStore } from '../../store';

export function StudySummary() {
  const draft = useStore((s) => s.draft);
  const study = draft.study;
  if (!study) return <>one run (seed {draft.seed}) · add seeds to see the spread</>;
  const runs = studyCells(studyOf(draft)).length;
  const seeds = `${study.seeds.length} seed${study.seeds.length === 1 ? '' : 's'}`;
  const values = study.sweep ? ` × ${study.sweep.values.length} ${SWEEP_LABELS[study.sweep.param]} values` : '';
  return (
    <>
      {seeds}
      {values} = {runs} run{runs === 1 ? '' : 's'}
    </>
  );
}

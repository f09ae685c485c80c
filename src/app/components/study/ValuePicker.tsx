// With a sweep: which swept value the results views show (one choice for the table and the curves).
import { useId } from 'react';
import { SWEEP_LABELS, type StudySummary } from '../../../core/study';
import { useStore } from '../../store';

export function ValuePicker(props: { summary: StudySummary; view: number; testId?: string }) {
  const { summary, view } = props;
  const id = useId();
  const setView = useStore((s) => s.setStudyView);
  const sweep = summary.sweep;
  if (!sweep) return null;
  const name = SWEEP_LABELS[sweep.param];
  return (
    <div className="value-picker">
      <label htmlFor={id}>Show {name} =</label>
      <select
        id={id}
        data-testid={props.testId ?? 'study-value'}
        value={Math.min(view, summary.groups.length - 1)}
        onChange={(e) => setView(Number(e.target.value))}
      >
        {summary.groups.map((g, i) => (
          <option key={i} value={i}>
            {g.value} ({g.seeds.length} seed{g.seeds.length === 1 ? '' : 's'} finished)
          </option>
        ))}
      </select>
    </div>
  );
}

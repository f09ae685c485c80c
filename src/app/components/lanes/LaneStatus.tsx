// Where a lane's model is in the run, with a thin bar over its epochs. It follows the run through a transition
// subscription (useDeferredStore) and reads epochs, not steps, so a lane re-renders a few times per model.
import { memo } from 'react';
import type { Store } from '../../store';
import { sameFields, useDeferredStore } from '../../store/useDeferredStore';
import { laneState, type LaneRun } from './laneState';

const sel = (s: Store): LaneRun => ({
  status: s.status,
  plan: s.plan,
  phases: s.phases,
  results: s.results,
  epochs: s.epochs,
  currentId: s.currentPhase?.id ?? null,
});

export const LaneStatus = memo(function LaneStatus({ id, method }: { id: string; method: string }) {
  const run = useDeferredStore(sel, sameFields);
  const st = laneState(id, method, run);
  return (
    <span className={`lane-status lane-${st.kind}`} data-testid="lane-status" data-state={st.kind} title={st.title}>
      <span aria-hidden="true">{st.text}</span>
      <span className="visually-hidden">{st.title}</span>
      {st.kind === 'running' ? (
        <span className="lane-bar" aria-hidden="true">
          <span style={{ transform: `scaleX(${st.progress})` }} />
        </span>
      ) : null}
    </span>
  );
});

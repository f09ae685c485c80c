// Step-by-step mode: while the run waits after an epoch, say what just changed and offer Continue.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { explainLastEpoch } from './stepExplanation';

export function StepExplainer() {
  const { waiting, plan, phases, epochs, cfg, stopping } = useStore(
    useShallow((s) => ({
      waiting: s.stepMode && s.status === 'paused',
      plan: s.plan,
      phases: s.phases,
      epochs: s.epochs,
      cfg: s.runConfig,
      stopping: s.stopRequested,
    })),
  );
  const resume = useStore((s) => s.resume);
  const story = useMemo(
    () => (waiting ? explainLastEpoch(plan, phases, epochs, cfg) : null),
    [waiting, plan, phases, epochs, cfg],
  );
  if (!story) return null;
  return (
    <section className="panel step-explainer" data-testid="step-explainer" aria-labelledby="step-explainer-heading">
      <h2 id="step-explainer-heading">{story.heading}</h2>
      <p aria-live="polite">
        {story.change} {story.method}
      </p>
      <div className="button-row">
        <button type="button" className="primary big" data-testid="step-continue" onClick={resume} disabled={stopping}>
          Continue ▶
        </button>
        <span className="muted">{story.next}</span>
      </div>
    </section>
  );
}

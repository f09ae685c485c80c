// Step-by-step mode: after each epoch, what just changed and how the students compare, with Continue; it stays up
// while the next epoch trains (greyed Continue), so the layout does not jump every epoch. When the run is done (in
// step or classroom mode), the summary of the run in its place.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { selStudySummary } from '../study/summary';
import { summarizeRun } from './runSummary';
import { explainLastEpoch, type RunView } from './stepExplanation';

/** "98.1 %" stays on one line. */
const keep = (line: string) => line.replace(/ %/g, '\u00a0%');

export function StepExplainer() {
  const { mode, paused, stopping, studyView, ...view } = useStore(
    useShallow((s) => ({
      mode:
        s.status === 'done' && (s.stepMode || s.shareUi.classroom)
          ? ('summary' as const)
          : s.stepMode && (s.status === 'running' || s.status === 'paused')
            ? ('epoch' as const)
            : null,
      paused: s.status === 'paused',
      stopping: s.stopRequested,
      studyView: s.studyView,
      cfg: s.runConfig,
      phases: s.phases,
      epochs: s.epochs,
      results: s.results,
      cell: s.currentCell?.cell ?? null,
      outcomes: s.cellOutcomes,
    })),
  );
  const resume = useStore((s) => s.resume);
  const { cfg, phases, epochs, results, cell, outcomes } = view;
  const text = useMemo(() => {
    const v: RunView = { cfg, phases, epochs, results, cell, outcomes };
    if (mode === 'epoch') return { story: explainLastEpoch(v), summary: null };
    if (mode === 'summary')
      return {
        story: null,
        summary: summarizeRun(v, selStudySummary({ runConfig: cfg, cellOutcomes: outcomes }), studyView),
      };
    return { story: null, summary: null };
  }, [mode, cfg, phases, epochs, results, cell, outcomes, studyView]);
  const { story, summary } = text;
  const shown = story ?? summary;
  if (!shown) return null;
  return (
    <section className="panel step-explainer" data-testid="step-explainer" aria-labelledby="step-explainer-heading">
      <div aria-live="polite">
        <h2 id="step-explainer-heading">{shown.heading}</h2>
        {story ? (
          story.lines.map((l) => <p key={l}>{keep(l)}</p>)
        ) : (
          <ul className="step-summary" data-testid="run-summary">
            {shown.lines.map((l) => (
              <li key={l}>{keep(l)}</li>
            ))}
          </ul>
        )}
      </div>
      {story ? (
        <div className="button-row">
          <button
            type="button"
            className="primary big"
            data-testid="step-continue"
            onClick={resume}
            disabled={!paused || stopping}
          >
            Continue ▶
          </button>
          <span className="muted">{paused ? story.next : 'Training the next epoch…'}</span>
        </div>
      ) : null}
    </section>
  );
}

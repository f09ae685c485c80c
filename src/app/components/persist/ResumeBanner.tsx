// "An interrupted run can be resumed": the worker keeps a checkpoint after every finished epoch, so a reload or a
// closed tab loses at most the epoch in progress. Asked for at start and after each run; hidden while a run is
// going. A run another tab is training is not offered (that tab owns it); the worker says when that tab closes.
import { useEffect, useRef } from 'react';
import { studyOf } from '../../../core/study';
import { isActive, useStore } from '../../store';
import { resumeStudyText } from '../study/progressText';
import { mb } from '../data/format';
import { relativeTime } from './format';
import './persist.css';

// Once per page load, not once per mount (StrictMode mounts twice in development).
let asked = false;

export function ResumeBanner() {
  const info = useStore((s) => s.resumeInfo);
  const elsewhere = useStore((s) => s.runsElsewhere);
  const active = useStore((s) => isActive(s.status));
  const pending = useStore((s) => s.backendPending);
  const resumeRun = useStore((s) => s.resumeRun);
  const discard = useStore((s) => s.discardResume);

  useEffect(() => {
    if (asked) return;
    asked = true;
    useStore.getState().checkResume();
  }, []);

  // Each run has its own checkpoint record, so an older interrupted run is still there after this tab's run:
  // ask again when a run ends.
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) useStore.getState().checkResume();
    wasActive.current = active;
  }, [active]);

  if (active) return null;
  if (!info)
    return elsewhere > 0 ? (
      <p className="persist-elsewhere muted" data-testid="runs-elsewhere" role="status">
        {elsewhere === 1 ? 'A run is' : `${elsewhere} runs are`} training in another tab of this browser. If that tab
        closes, it can be resumed here.
      </p>
    ) : null;
  const onDiscard = () => {
    if (window.confirm('Discard the interrupted run? Its saved progress is deleted and cannot be resumed.')) discard();
  };
  return (
    <section className="persist-banner" data-testid="resume-banner" aria-labelledby="resume-heading">
      <div>
        <h2 id="resume-heading" className="persist-banner-title">
          An interrupted run can be resumed
        </h2>
        <p>
          {info.phaseLabel}, epoch {info.epoch} of {info.epochs} (phase {info.phase + 1} of {info.phases}), saved{' '}
          {relativeTime(info.savedAt)}, {mb(info.bytes)}.{' '}
          {info.study && info.study.of > 1 ? (
            <span data-testid="resume-study">{resumeStudyText(info.study, studyOf(info.config))}. </span>
          ) : null}
          <span className="muted">It continues from the last finished epoch.</span>
        </p>
      </div>
      <div className="button-row">
        <button
          type="button"
          className="primary"
          data-testid="resume-run"
          aria-label="Resume the interrupted run"
          disabled={pending}
          title={pending ? 'Waiting for the compute backend…' : undefined}
          onClick={resumeRun}
        >
          {/* Not just "Resume": the run controls have a Resume (of a paused run) beside it. */}
          Resume interrupted run
        </button>
        <button
          type="button"
          className="danger"
          data-testid="discard-run"
          aria-label="Discard the interrupted run"
          onClick={onDiscard}
        >
          Discard
        </button>
      </div>
    </section>
  );
}

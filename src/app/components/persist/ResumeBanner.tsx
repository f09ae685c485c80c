// "An interrupted run can be resumed": the worker keeps a checkpoint after every finished epoch, so a reload or a
// closed tab loses at most the epoch in progress. Asked for once at start; hidden while a run is going.
import { useEffect } from 'react';
import { isActive, useStore } from '../../store';
import { mb } from '../data/format';
import { relativeTime } from './format';
import './persist.css';

// Once per page load, not once per mount (StrictMode mounts twice in development).
let asked = false;

export function ResumeBanner() {
  const info = useStore((s) => s.resumeInfo);
  const active = useStore((s) => isActive(s.status));
  const pending = useStore((s) => s.backendPending);
  const resumeRun = useStore((s) => s.resumeRun);
  const discard = useStore((s) => s.discardResume);

  useEffect(() => {
    if (asked) return;
    asked = true;
    useStore.getState().checkResume();
  }, []);

  // A new run replaces the checkpoint slot (and deletes it when it ends): the old offer is gone for good.
  useEffect(() => {
    if (active && useStore.getState().resumeInfo) useStore.setState({ resumeInfo: null });
  }, [active]);

  if (!info || active) return null;
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
          Resume
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

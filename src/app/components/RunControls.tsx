// Train / Pause / Resume / Stop, the machine-readable run status, and the keyboard shortcuts.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { isActive, type Store } from '../store';
import { hasStudyErrors } from '../store/configSlice';
import { PlaybackControls } from './PlaybackControls';
import { RUN_CONTROLS_ID } from './SkipLink';
import { StepModeToggle } from './share/StepModeToggle';
import { SpeedMeasure } from './SpeedMeasure';
import { confirmLongRun, guardLine, runGuard, type RunGuard } from './runGuard';

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = IS_MAC ? '⌘' : 'Ctrl';

const FRIENDLY: Record<Store['status'], string> = {
  idle: 'Ready',
  starting: 'Starting…',
  running: 'Training',
  paused: 'Paused',
  done: 'Finished',
  stopped: 'Stopped',
  error: 'Failed',
};

/** Why Train is disabled, or null when it is enabled. */
export function trainBlocker(s: Store, g: RunGuard = runGuard(s)): string | null {
  if (isActive(s.status)) return 'A run is in progress';
  if (s.jsonErrors.length) return 'The JSON config has errors (fix and apply it, or revert)';
  if (!s.validation.ok) return 'Fix the config errors first';
  if (hasStudyErrors(s)) return 'Fix the study settings (Seeds, Sweep) first';
  if (s.backendPending) return 'Waiting for the backend…';
  const missing = missingData(s);
  if (missing) return missing;
  if (g?.verdict === 'refuse') return g.message;
  return null;
}

/**
 * A real data set neither cached here, offered by the deployment nor loaded in this tab: the run would fail
 * after the click, so Train says what to do first. Unknown (catalog not read yet) does not block.
 */
function missingData(s: Store): string | null {
  if (!s.validation.ok) return null;
  const ds = s.validation.config.data.dataset;
  const entry = s.catalog?.entries.find((e) => e.id === ds);
  if (!entry || entry.cached || entry.prepared || s.dataInfo?.dataset === ds) return null;
  return `${entry.name} is not loaded in this browser: import its files in the Data section (Import files…) first`;
}

export function RunControls() {
  const { status, pauseRequested, stopRequested, blocker, estimate } = useStore(
    useShallow((s) => {
      const g = runGuard(s); // once per store change: the blocker and the estimate line both read it
      return {
        status: s.status,
        pauseRequested: s.pauseRequested,
        stopRequested: s.stopRequested,
        blocker: trainBlocker(s, g),
        estimate: guardLine(g),
      };
    }),
  );
  const { pause, resume, stop } = useStore(useShallow((s) => ({ pause: s.pause, resume: s.resume, stop: s.stop })));
  const train = () => {
    if (confirmLongRun(useStore.getState())) useStore.getState().train();
  };
  useShortcuts();

  const note = stopRequested ? 'stopping…' : pauseRequested ? 'pausing at the next step…' : null;
  const paused = status === 'paused';
  return (
    <section className="panel run-controls" aria-label="Run controls" id={RUN_CONTROLS_ID} tabIndex={-1}>
      <div className="button-row run-buttons">
        <button
          type="button"
          className="primary big"
          data-testid="train"
          onClick={train}
          disabled={blocker !== null}
          title={blocker ?? `Train the teacher and all students (${MOD}+Enter)`}
          aria-keyshortcuts={IS_MAC ? 'Meta+Enter' : 'Control+Enter'}
        >
          ▶ Train
        </button>
        {/* One button for Pause and Resume (Space toggles both): a second Resume beside the interrupted-run
            banner's read as two ways to do one thing. */}
        <button
          type="button"
          className="big"
          data-testid={paused ? 'resume' : 'pause'}
          onClick={paused ? resume : pause}
          disabled={paused ? stopRequested : status !== 'running' || pauseRequested || stopRequested}
          title={paused ? 'Resume (Space)' : 'Pause after the current step (Space)'}
          aria-keyshortcuts="Space"
        >
          {paused ? '▶ Resume' : '❚❚ Pause'}
        </button>
        <button
          type="button"
          className="big danger"
          data-testid="stop"
          onClick={stop}
          disabled={!isActive(status) || stopRequested}
          title="Stop the run (models trained so far stay in the results)"
        >
          ■ Stop
        </button>
        <PlaybackControls />
        <div className="status-box" aria-live="polite">
          <span className={`status-dot status-${status}`} aria-hidden="true" />
          <span className="status-friendly">{FRIENDLY[status]}</span>
          <span className="status-word">
            (status: <span data-testid="run-status">{status}</span>)
          </span>
          {note ? <span className="muted"> {note}</span> : null}
        </div>
      </div>
      <div className="run-line2">
        <p className="run-estimate muted">
          {blocker && !isActive(status) ? (
            <span className="blocker">{/[.…]$/.test(blocker) ? blocker : `${blocker}.`} </span>
          ) : null}
          {estimate ? (
            <span data-testid="run-estimate">
              {estimate}
              <SpeedMeasure />
            </span>
          ) : null}{' '}
          <span className="shortcut-hint">
            keys: <kbd>{MOD}</kbd>+<kbd>Enter</kbd> train · <kbd>Space</kbd> pause · <kbd>R</kbd> reset · <kbd>?</kbd>{' '}
            all
          </span>
        </p>
        <StepModeToggle />
      </div>
    </section>
  );
}

function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useStore.getState();
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        if (trainBlocker(s) === null) {
          e.preventDefault();
          if (confirmLongRun(s)) s.train();
        }
        return;
      }
      if ((e.key === ' ' || e.code === 'Space') && !e.ctrlKey && !e.metaKey && !e.altKey && !inField(e.target)) {
        if (s.status === 'running') s.pause();
        else if (s.status === 'paused') s.resume();
        else return;
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function inField(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || !!t.closest('input, textarea, select, button, summary, a, [role="button"]');
}

// Playground controls for a demo: step one batch while paused (→), slow motion (a wait before every step), so
// a class can watch single updates, and Reset (R): back to epoch 0 with the same initial weights. Step and speed
// act between steps in the worker (core/train/control.ts); Reset is the store's resetRun.
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatDuration } from '../lib/format';
import { isActive, useStore, type Store } from '../store';
import './playback.css';

export const SPEEDS: readonly { ms: number; label: string }[] = [
  { ms: 0, label: 'full speed' },
  { ms: 250, label: 'slow: 4 steps/s' },
  { ms: 1000, label: 'slower: 1 step/s' },
];

/** A run going for longer than this asks before Reset stops it; a shorter one is cheap to train again. */
export const RESET_CONFIRM_AFTER_MS = 5000;

const inField = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

/** Seconds the run in progress has gone, if Reset should ask before stopping it; else null. */
export function resetNeedsConfirm(s: Store, now = Date.now()): number | null {
  if (!isActive(s.status) || s.resetPending || s.runStartedAt === null) return null;
  const ms = now - s.runStartedAt;
  return ms > RESET_CONFIRM_AFTER_MS ? ms / 1000 : null;
}

export function PlaybackControls() {
  const { paused, stopping, delay } = useStore(
    useShallow((s) => ({ paused: s.status === 'paused', stopping: s.stopRequested, delay: s.stepDelayMs })),
  );
  const { stepOnce, setStepDelay } = useStore(
    useShallow((s) => ({ stepOnce: s.stepOnce, setStepDelay: s.setStepDelay })),
  );
  // Seconds trained when Reset asked for confirmation; null while not asking.
  const [asking, setAsking] = useState<number | null>(null);
  const active = useStore((s) => isActive(s.status) && !s.resetPending);
  const resetButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const askRef = useRef<() => void>(() => undefined);
  askRef.current = () => {
    const s = useStore.getState();
    const seconds = resetNeedsConfirm(s);
    if (seconds === null) s.resetRun();
    else setAsking(seconds);
  };
  const showAsk = asking !== null && active; // a run that ended meanwhile needs no confirmation
  useEffect(() => {
    if (showAsk) cancelButton.current?.focus();
    else if (asking !== null) {
      // The run ended while asking: the question goes, and the focus it held returns to Reset.
      setAsking(null);
      if (!document.activeElement || document.activeElement === document.body) resetButton.current?.focus();
    }
  }, [showAsk, asking]);
  const closeAsk = (reset: boolean) => {
    setAsking(null);
    if (reset) useStore.getState().resetRun();
    resetButton.current?.focus();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || inField(e.target)) return;
      if (e.target instanceof HTMLElement && e.target.closest('dialog')) return; // not behind a modal
      if (e.key === 'ArrowRight') {
        if (useStore.getState().status !== 'paused') return;
        e.preventDefault();
        useStore.getState().stepOnce();
      } else if (e.key === 'r' || e.key === 'R') {
        e.preventDefault();
        askRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="button-row playback">
      <button
        type="button"
        data-testid="step-once"
        onClick={stepOnce}
        disabled={!paused || stopping}
        title="While paused: train one batch, then pause again (→)"
        aria-keyshortcuts="ArrowRight"
      >
        ▶| Step one batch
      </button>
      <label className="inline-field">
        Speed{' '}
        <select
          data-testid="step-speed"
          value={delay}
          onChange={(e) => setStepDelay(Number(e.target.value))}
          aria-describedby="step-speed-hint"
        >
          {SPEEDS.map((s) => (
            <option key={s.ms} value={s.ms}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <button
        ref={resetButton}
        type="button"
        data-testid="reset"
        onClick={() => askRef.current()}
        title="Back to epoch 0 with the same initial weights: stops a run, clears its curves and results, keeps the config (R)"
        aria-keyshortcuts="R"
        aria-describedby="reset-hint"
      >
        ⟲ Reset
      </button>
      <span id="reset-hint" className="visually-hidden">
        back to epoch 0 with the same initial weights; the config stays
      </span>
      {showAsk ? (
        <div
          className="reset-ask"
          role="group"
          aria-labelledby="reset-ask-text"
          data-testid="reset-ask"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            closeAsk(false);
          }}
        >
          <span id="reset-ask-text">
            Stop this run ({formatDuration(asking)} so far) and reset to epoch 0? It stays in the history as stopped.
          </span>
          <button type="button" className="small danger" data-testid="reset-confirm" onClick={() => closeAsk(true)}>
            Stop and reset
          </button>
          <button
            type="button"
            className="small"
            data-testid="reset-cancel"
            ref={cancelButton}
            onClick={() => closeAsk(false)}
          >
            Keep training
          </button>
        </div>
      ) : null}
      <span id="step-speed-hint" className="muted">
        {delay ? 'slow motion: a pause before every step, for watching single updates' : ''}
      </span>
    </div>
  );
}

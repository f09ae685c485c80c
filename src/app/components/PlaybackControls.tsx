// Playground controls for a demo: step one batch while paused (→), and slow motion (a wait before every step), so
// a class can watch single updates. Both act between steps in the worker (core/train/control.ts).
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';

export const SPEEDS: readonly { ms: number; label: string }[] = [
  { ms: 0, label: 'full speed' },
  { ms: 250, label: 'slow (4 steps a second)' },
  { ms: 1000, label: 'slower (1 step a second)' },
];

const inField = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

export function PlaybackControls() {
  const { paused, stopping, delay } = useStore(
    useShallow((s) => ({ paused: s.status === 'paused', stopping: s.stopRequested, delay: s.stepDelayMs })),
  );
  const { stepOnce, setStepDelay } = useStore(
    useShallow((s) => ({ stepOnce: s.stepOnce, setStepDelay: s.setStepDelay })),
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'ArrowRight' || e.ctrlKey || e.metaKey || e.altKey || inField(e.target)) return;
      if (useStore.getState().status !== 'paused') return;
      e.preventDefault();
      useStore.getState().stepOnce();
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
      <span id="step-speed-hint" className="muted">
        {delay ? 'slow motion: a pause before every step, for watching single updates' : ''}
      </span>
    </div>
  );
}

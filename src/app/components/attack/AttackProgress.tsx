// The lab's task in flight: what it is, how far (with an ETA from the worker), and Stop. Its own subscription,
// so progress messages re-render only this line.
import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import { formatDuration } from '../../lib/format';

const TASKS = { gallery: 'Crafting examples', sweep: 'ε sweep', corruptions: 'Corruptions' } as const;

export function AttackProgress() {
  const busy = useStore((s) => s.attackBusy);
  const stop = useStore((s) => s.stopAttack);
  const elapsed = useElapsed(busy?.startedAt ?? null);
  if (!busy) return null;
  const frac = busy.total > 0 ? Math.min(1, busy.done / busy.total) : 0;
  return (
    <div className="lab-progress" data-testid="attack-progress">
      <div className="lab-progress-line">
        <strong>{TASKS[busy.task]}</strong>
        <span className="muted" aria-live="polite">
          {busy.stopping
            ? 'stopping…'
            : busy.total > 0
              ? `${Math.round(frac * 100)}% · ETA ${formatDuration(busy.etaSeconds)} · ${formatDuration(elapsed)} elapsed`
              : `starting… ${formatDuration(elapsed)} elapsed`}
        </span>
        <button
          type="button"
          className="danger small"
          data-testid="attack-stop"
          onClick={stop}
          disabled={busy.stopping}
        >
          ■ Stop
        </button>
      </div>
      <div
        className="bar"
        role="progressbar"
        aria-label={`${TASKS[busy.task]} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(frac * 100)}
      >
        <div className="bar-fill" style={{ transform: `scaleX(${frac})` }} />
      </div>
    </div>
  );
}

/** Whole seconds since `since`, ticking once a second while set. */
function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [since]);
  return since === null ? 0 : Math.max(0, (now - since) / 1000);
}

export function AttackError() {
  const error = useStore((s) => s.attackError);
  const dismiss = useStore((s) => s.dismissAttackError);
  if (!error) return null;
  return (
    <div className="run-error" role="alert" data-testid="attack-error">
      <span>
        <strong>The attack lab failed:</strong> {error}
      </span>
      <button type="button" className="small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

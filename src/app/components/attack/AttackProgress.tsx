// The lab's task in flight: what it is (a sweep names its attack and ε range), how far, the time left, and Stop.
// A sweep's time left is estimated from this device's speed from its start (sweepEstimate.ts) until the worker's
// ETA, from the measured rate, takes over after the first images. Its own subscription, so progress messages
// re-render only this line.
import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../../store';
import type { AttackBusy } from '../../store/attackSlice';
import { formatDuration } from '../../lib/format';
import { useEpsUnits } from './labHooks';
import { sweepName } from './robustSeries';
import { estimateSweep } from './sweepEstimate';

const TASKS = { gallery: 'Crafting examples', sweep: 'ε sweep', corruptions: 'Corruptions' } as const;

export function AttackProgress() {
  const busy = useStore((s) => s.attackBusy);
  const stop = useStore((s) => s.stopAttack);
  const elapsed = useElapsed(busy?.startedAt ?? null);
  const u = useEpsUnits();
  const plan = busy?.sweep;
  const estimate = useMemo(() => (plan ? estimateSweep(useStore.getState(), plan) : null), [plan]);
  if (!busy) return null;
  const frac = busy.total > 0 ? Math.min(1, busy.done / busy.total) : 0;
  const title = plan ? `ε sweep · ${sweepName(plan.attack, plan.epsList, u)}` : TASKS[busy.task];
  return (
    <div className="lab-progress" data-testid="attack-progress">
      <div className="lab-progress-line">
        <strong data-testid="attack-progress-title">{title}</strong>
        <span className="muted" aria-live="polite" data-testid="attack-progress-text">
          {busy.stopping ? 'stopping…' : progressText(busy, frac, elapsed, estimate)}
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
        aria-label={`${title} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(frac * 100)}
      >
        <div className="bar-fill" style={{ transform: `scaleX(${frac})` }} />
      </div>
    </div>
  );
}

/**
 * "40% · ETA 0:31 · 0:20 elapsed" once the worker has measured a rate; before that the estimate from the device's
 * speed ("about 0:50 left, estimated from this device's speed"); with neither, that the first images measure it.
 */
export function progressText(busy: AttackBusy, frac: number, elapsed: number, estimate: number | null): string {
  const since = `${formatDuration(elapsed)} elapsed`;
  const pct = `${Math.round(frac * 100)}%`;
  if (busy.total > 0 && busy.done >= busy.total) return `${pct} · finishing… · ${since}`;
  if (busy.done > 0 && busy.etaSeconds !== null) return `${pct} · ETA ${formatDuration(busy.etaSeconds)} · ${since}`;
  if (estimate !== null) {
    const left = estimate - elapsed;
    return left > 0
      ? `${pct} · about ${formatDuration(left)} left, estimated from this device’s speed · ${since}`
      : `${pct} · longer than the ${formatDuration(estimate)} estimated · ${since}`;
  }
  if (busy.total > 0) return `${pct} · measuring the speed on the first images… · ${since}`;
  return `starting… ${since}`;
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

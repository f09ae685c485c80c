// Step by step: the worker pauses after every epoch (read when a run starts, so it is fixed during one).
import { isActive, useStore } from '../../store';

export function StepModeToggle() {
  const on = useStore((s) => s.stepMode);
  const active = useStore((s) => isActive(s.status));
  const set = useStore((s) => s.setStepMode);
  return (
    <label className="share-check step-mode" title={active ? 'Takes effect from the next run' : undefined}>
      <input
        type="checkbox"
        data-testid="step-mode"
        checked={on}
        disabled={active}
        onChange={(e) => set(e.target.checked)}
      />
      <span>
        Step by step (pause after each epoch)
        {active ? <span className="muted"> · fixed for this run</span> : null}
      </span>
    </label>
  );
}

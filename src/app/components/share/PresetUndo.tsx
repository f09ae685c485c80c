// "Applied <preset> · Undo": a preset replaces the whole form, so it must be one click to take back.
import { useEffect } from 'react';
import { useStore } from '../../store';

const SHOW_MS = 15_000;

export function PresetUndo() {
  const applied = useStore((s) => s.presetApplied);
  const undo = useStore((s) => s.undoPresetApply);
  const dismiss = useStore((s) => s.dismissPresetApplied);
  useEffect(() => {
    if (!applied) return;
    const t = setTimeout(dismiss, SHOW_MS);
    return () => clearTimeout(t);
  }, [applied, dismiss]);
  if (!applied) return null;
  return (
    <div className="share-toast" role="status" data-testid="preset-undo">
      Applied “{applied.title}” ·{' '}
      <button type="button" className="link" data-testid="preset-undo-button" onClick={undo}>
        Undo
      </button>
      <button type="button" className="link" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  );
}

// After a data-set switch replaced the models and optimiser: say so, with Undo, since it rewrote other sections.
import { memo } from 'react';
import { useStore } from '../../store';

export const PresetNotice = memo(function PresetNotice() {
  const preset = useStore((s) => s.presetUndo);
  const undo = useStore((s) => s.undoPreset);
  const dismiss = useStore((s) => s.dismissPreset);
  // The live region stays mounted so the message is announced when it appears.
  return (
    <div role="status" className="data-live">
      {preset ? (
        <div className="data-notice" data-testid="preset-notice">
          <span>{preset.message}</span>
          <span className="data-notice-actions">
            <button type="button" className="small" onClick={undo}>
              Undo
            </button>
            <button type="button" className="link" aria-label="Dismiss the preset notice" onClick={dismiss}>
              ✕
            </button>
          </span>
        </div>
      ) : null}
    </div>
  );
});

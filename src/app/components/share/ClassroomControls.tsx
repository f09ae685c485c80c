// Classroom mode: one toggle (big type, high-contrast charts) and the switches a classroom link can carry.
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import type { ShareFlags } from '../../store/shareSlice';
import { Popover } from './Popover';

const OPTIONS: { key: Exclude<keyof ShareFlags, 'classroom'>; label: string; hint: string }[] = [
  { key: 'hideControls', label: 'Hide the controls', hint: 'only run controls, progress, charts and results' },
  { key: 'lockControls', label: 'Lock the controls', hint: 'shown, but cannot be changed' },
  { key: 'autostart', label: 'Start training when the link opens', hint: 'once the backend is ready' },
];

export function ClassroomControls() {
  const ui = useStore(useShallow((s) => s.shareUi));
  const stepMode = useStore((s) => s.stepMode);
  const setUi = useStore((s) => s.setShareUi);
  const setStepMode = useStore((s) => s.setStepMode);
  return (
    <div className="classroom-controls">
      <button
        type="button"
        data-testid="classroom-toggle"
        aria-pressed={ui.classroom}
        onClick={() => setUi({ classroom: !ui.classroom })}
        title="Large type and high-contrast charts for a projector"
      >
        {ui.classroom ? '☑' : '☐'} Classroom
      </button>
      <Popover
        label="Classroom options"
        button="▾"
        buttonLabel="Classroom options"
        buttonTitle="Classroom options (they travel with Copy link)"
        buttonTestId="classroom-options"
        className="classroom-options"
      >
        {() => (
          <>
            <p className="muted">These switches travel with “Copy link”.</p>
            {OPTIONS.map((o) => (
              <label key={o.key} className="share-check">
                <input
                  type="checkbox"
                  data-testid={`classroom-${o.key}`}
                  checked={ui[o.key]}
                  onChange={(e) => setUi({ [o.key]: e.target.checked })}
                />
                <span>
                  {o.label} <span className="muted">({o.hint})</span>
                </span>
              </label>
            ))}
            <label className="share-check">
              <input type="checkbox" checked={stepMode} onChange={(e) => setStepMode(e.target.checked)} />
              <span>
                Step by step <span className="muted">(pause after each epoch)</span>
              </span>
            </label>
          </>
        )}
      </Popover>
    </div>
  );
}

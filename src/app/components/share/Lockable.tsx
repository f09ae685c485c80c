// Controls a classroom link locked: a disabled fieldset disables every control inside it natively (keyboard
// included) without touching the forms themselves. `display: contents` keeps the layout as it was.
import type { ReactNode } from 'react';
import { useStore } from '../../store';

export function Lockable({ children, note = false }: { children: ReactNode; note?: boolean }) {
  const locked = useStore((s) => s.shareUi.lockControls);
  const setUi = useStore((s) => s.setShareUi);
  return (
    <>
      {locked && note ? (
        <p className="note lock-note" data-testid="lock-note">
          The link you opened locked these controls.{' '}
          <button type="button" className="link" onClick={() => setUi({ lockControls: false })}>
            Unlock
          </button>
        </p>
      ) : null}
      <fieldset className="lockable" disabled={locked}>
        {children}
      </fieldset>
    </>
  );
}

// A button that opens a small non-modal dialog below it: focus moves in on open and back to the button on close;
// Escape, a click outside, or the button again closes it.
import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';

interface Props {
  /** The dialog's accessible name. */
  label: string;
  button: ReactNode;
  buttonLabel?: string;
  buttonTitle?: string;
  buttonTestId?: string;
  testId?: string;
  className?: string;
  children: (close: () => void) => ReactNode;
}

export function Popover(p: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('button:not(:disabled), input:not(:disabled)')?.focus();
  }, [open]);
  useDismiss(open, [panel, button], (viaKey) => {
    setOpen(false);
    if (viaKey) button.current?.focus();
  });

  return (
    <div className="share-pop-wrap">
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={p.buttonLabel}
        title={p.buttonTitle}
        data-testid={p.buttonTestId}
        onClick={() => setOpen((o) => !o)}
      >
        {p.button}
      </button>
      {open ? (
        <div
          id={id}
          ref={panel}
          role="dialog"
          aria-label={p.label}
          className={`share-popover ${p.className ?? ''}`}
          data-testid={p.testId}
        >
          {p.children(close)}
        </div>
      ) : null}
    </div>
  );
}

/** While `active`: Escape (viaKey = true) or a pointer down outside `inside` calls onDismiss. */
export function useDismiss(
  active: boolean,
  inside: RefObject<HTMLElement | null>[],
  onDismiss: (viaKey: boolean) => void,
): void {
  const latest = useRef(onDismiss);
  latest.current = onDismiss;
  useEffect(() => {
    if (!active) return;
    const onPointer = (e: PointerEvent) => {
      const t = e.target;
      if (!(t instanceof Node) || !inside.some((r) => r.current?.contains(t))) latest.current(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      latest.current(true);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
    // The refs are stable objects; only `active` changes what is listened to.
  }, [active]);
}

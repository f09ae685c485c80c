// A small "?" by a field's label that explains its symbol from the glossary: a real button that opens the text on
// hover, focus, click or Enter and closes it on Escape, blur or the pointer leaving (WCAG 1.4.13: the text can be
// hovered, dismissed, and stays while focused). The text stays inside the viewport, moved left or above if needed.
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { glossaryText, type GlossaryTerm } from '../lib/glossary';
import './glossary.css';

/** Room kept between the text and the viewport's edges. */
const EDGE = 8;

/** Closes the text open now: one at a time, so a hovered one never overlaps a focused one. */
let closeOpen: (() => void) | null = null;

export function GlossaryTip({ term }: { term: GlossaryTerm }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const focused = useRef(false);
  const wrap = useRef<HTMLSpanElement>(null);
  const tip = useRef<HTMLSpanElement>(null);
  const [place, setPlace] = useState({ dx: 0, above: false });

  useLayoutEffect(() => {
    if (!open || !wrap.current || !tip.current) return;
    // Where CSS puts the text (below the button, left-aligned with it), then moved into the viewport.
    const r = wrap.current.getBoundingClientRect();
    const { offsetWidth: w, offsetHeight: h } = tip.current;
    const vw = document.documentElement.clientWidth;
    let dx = 0;
    if (r.left + w > vw - EDGE) dx = vw - EDGE - (r.left + w);
    if (r.left + dx < EDGE) dx = EDGE - r.left;
    const above = r.bottom + h + EDGE > window.innerHeight && r.top - h - EDGE > 0;
    setPlace((p) => (p.dx === dx && p.above === above ? p : { dx, above }));
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const close = () => setOpen(false);
    closeOpen?.();
    closeOpen = close;
    // On the window, so that Escape also dismisses a text shown by hovering alone.
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (closeOpen === close) closeOpen = null;
    };
  }, [open]);

  return (
    <span
      ref={wrap}
      className="glossary-tip"
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => !focused.current && setOpen(false)}
    >
      <button
        type="button"
        className="glossary-button"
        aria-label={`What is ${term}?`}
        aria-describedby={`${id}-text`}
        aria-expanded={open}
        aria-controls={`${id}-text`}
        data-testid="glossary-button"
        data-term={term}
        onClick={() => setOpen(true)}
        onFocus={() => {
          focused.current = true;
          setOpen(true);
        }}
        onBlur={() => {
          focused.current = false;
          setOpen(false);
        }}
      >
        ?
      </button>
      <span
        ref={tip}
        id={`${id}-text`}
        role="tooltip"
        className={`glossary-text${place.above ? ' above' : ''}`}
        style={place.dx ? { transform: `translateX(${place.dx}px)` } : undefined}
        data-testid="glossary-text"
        hidden={!open}
      >
        <strong>{term}</strong>: {glossaryText(term)}
      </span>
    </span>
  );
}

// "?": the keyboard shortcuts and a glossary of the symbols the form and the results use, in a modal dialog
// (the native <dialog>: focus moves in, Escape closes, focus returns to the button). The glossary's texts live in
// lib/glossary.ts, which the fields' info buttons read too.
import { useEffect, useRef } from 'react';
import { GLOSSARY } from '../lib/glossary';

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = IS_MAC ? '⌘' : 'Ctrl';

const SHORTCUTS: readonly [string, string][] = [
  [`${MOD}+Enter`, 'train'],
  ['Space', 'pause / resume'],
  ['→', 'while paused: train one batch'],
  ['R', 'reset: back to epoch 0 with the same initial weights'],
  ['?', 'this help'],
];

export function HelpDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== '?' || (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) return;
      e.preventDefault();
      if (!ref.current?.open) ref.current?.showModal();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        data-testid="help-button"
        onClick={() => ref.current?.showModal()}
        aria-keyshortcuts="?"
        title="Shortcuts and glossary (?)"
      >
        ? Help
      </button>
      <dialog ref={ref} className="help-dialog" data-testid="help-dialog" aria-labelledby="help-title">
        <h2 id="help-title">Help</h2>
        <h3>Keyboard</h3>
        <dl className="help-list">
          {SHORTCUTS.map(([k, what]) => (
            <div key={k}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <h3>Glossary</h3>
        <dl className="help-list">
          {GLOSSARY.map(([term, what]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit" className="primary" data-testid="help-close">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}

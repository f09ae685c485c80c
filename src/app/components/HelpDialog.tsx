// "?": the keyboard shortcuts and a glossary of the symbols the form and the results use, in a modal dialog
// (the native <dialog>: focus moves in, Escape closes, focus returns to the button).
import { useEffect, useRef } from 'react';

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = IS_MAC ? '⌘' : 'Ctrl';

const SHORTCUTS: readonly [string, string][] = [
  [`${MOD}+Enter`, 'train'],
  ['Space', 'pause / resume'],
  ['→', 'while paused: train one batch'],
  ['?', 'this help'],
];

/** The glossary: what each symbol means here (exact definitions: docs/design.md §1). */
export const GLOSSARY: readonly [string, string][] = [
  ['KD', 'knowledge distillation: the student learns from the teacher’s softened outputs as well as the labels.'],
  [
    'T',
    'temperature: the teacher’s and student’s logits are divided by T before the softmax; higher T gives softer targets.',
  ],
  ['α', 'weight of the distillation loss; 1 − α weighs the cross-entropy on the true labels.'],
  ['σ', 'standard deviation of the Gaussian noise added to the inputs (pixels in [0, 1]).'],
  ['r', 'label-corruption rate: the share of labels redrawn at random in every batch (Messy Collaboration).'],
  ['ε', 'attack budget: how far (L∞, in pixel units) an adversarial image may move from the original.'],
  ['PGD', 'projected gradient descent: the attack takes several small signed-gradient steps and stays within ε.'],
  ['Δ', 'a model minus its reference, seed by seed, with the 95 % interval of the mean difference.'],
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

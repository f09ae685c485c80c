// "Skip to run controls": the first tab stop, shown when focused; moves focus to the run controls (past the
// header and the experiment form). It focuses the target itself: following the href would replace the address's
// #fragment, which holds the share link.
import type { MouseEvent } from 'react';

export const RUN_CONTROLS_ID = 'run-controls';

export function SkipLink() {
  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    const target = document.getElementById(RUN_CONTROLS_ID);
    target?.focus();
    target?.scrollIntoView({ block: 'nearest' });
  };
  return (
    <a className="skip-link" href={`#${RUN_CONTROLS_ID}`} onClick={skip}>
      Skip to run controls
    </a>
  );
}

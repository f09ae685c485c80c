// Copying a link: the clipboard where the browser allows it, else a selected text field to copy by hand
// (clipboard access is refused on plain http, in some iframes, and without a user gesture).
import { useEffect, useRef, useState } from 'react';

export type CopyResult = { kind: 'copied'; chars: number } | { kind: 'manual'; url: string };

async function toClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** copy(url) and what happened, cleared by clear() (and a confirmation on its own after a few seconds). */
export function useCopy(): { result: CopyResult | null; copy: (url: string) => Promise<void>; clear: () => void } {
  const [result, setResult] = useState<CopyResult | null>(null);
  useEffect(() => {
    if (result?.kind !== 'copied') return;
    const t = setTimeout(() => setResult(null), 5000);
    return () => clearTimeout(t);
  }, [result]);
  return {
    result,
    copy: async (url) =>
      setResult((await toClipboard(url)) ? { kind: 'copied', chars: url.length } : { kind: 'manual', url }),
    clear: () => setResult(null),
  };
}

/** "Link copied (N characters)", or the link in a selected field with a note to copy it by hand. */
export function CopyFeedback({ result, onClose, testId }: { result: CopyResult; onClose: () => void; testId: string }) {
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (result.kind === 'manual') field.current?.select();
  }, [result]);
  if (result.kind === 'copied') {
    return (
      <span className="copy-feedback" role="status" data-testid={testId}>
        ✓ Link copied ({result.chars.toLocaleString('en-US')} characters)
      </span>
    );
  }
  return (
    <span className="copy-feedback copy-manual" data-testid={testId}>
      <label>
        The browser did not allow copying; copy this link (Ctrl/⌘+C):
        <input ref={field} type="text" readOnly value={result.url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" className="link" aria-label="Close the link field" onClick={onClose}>
        ✕
      </button>
    </span>
  );
}

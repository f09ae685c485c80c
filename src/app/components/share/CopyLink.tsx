// "Copy link": the whole experiment (config + classroom switches) as one URL.
import { useRef } from 'react';
import { encodeShare } from '../../../core/config/shareLink';
import { linkUrl } from '../../store/urlSync';
import { useStore } from '../../store';
import { shareUiOf } from '../../store/shareSlice';
import { CopyFeedback, useCopy } from './copy';
import { useDismiss } from './Popover';

export function CopyLink() {
  const invalid = useStore((s) => !s.validation.ok);
  const { result, copy, clear } = useCopy();
  const wrap = useRef<HTMLDivElement>(null);
  useDismiss(result !== null, [wrap], clear);
  const onClick = async () => {
    const s = useStore.getState();
    if (s.validation.ok) await copy(linkUrl(await encodeShare(s.validation.config, shareUiOf(s))));
  };
  return (
    <div className="share-pop-wrap" ref={wrap}>
      <button
        type="button"
        data-testid="copy-link"
        onClick={() => void onClick()}
        disabled={invalid}
        title={invalid ? 'Fix the config errors first: a link holds a valid config' : 'Copy a link to this experiment'}
      >
        Copy link
      </button>
      {result ? (
        <div className="share-bubble">
          <CopyFeedback result={result} onClose={clear} testId="copy-link-status" />
        </div>
      ) : null}
    </div>
  );
}

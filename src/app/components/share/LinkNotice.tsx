// What an opened link had to ignore or repair, field by field. Plain text only: the values come from the link,
// which anyone can craft, so nothing here is ever parsed as HTML.
import { useStore } from '../../store';
import { startHeldLink } from '../../store/urlSync';

export function LinkNotice() {
  const notices = useStore((s) => s.linkNotices);
  const dismiss = useStore((s) => s.dismissLinkNotices);
  const held = useStore((s) => s.autostartHeld);
  if (!notices.length) return null;
  return (
    <div className="link-notice" role="alert" data-testid="link-notice">
      {/* First in the DOM so Tab reaches it first; shown at the right. */}
      <button type="button" className="link-notice-close" aria-label="Dismiss the link notice" onClick={dismiss}>
        ✕
      </button>
      <strong>The link was opened, but some of it could not be used:</strong>
      <ul>
        {notices.map((n, i) => (
          <li key={i}>
            <code>{n.field}</code>
            {n.value !== undefined ? (
              <>
                {' '}
                (<code>{n.value}</code>)
              </>
            ) : null}
            : {n.message}
          </li>
        ))}
      </ul>
      {held ? (
        <p className="link-notice-start">
          This link asks to start training at once. It waits for you: read the notes above, then{' '}
          <button type="button" className="primary" data-testid="link-start" onClick={startHeldLink}>
            Start
          </button>
        </p>
      ) : null}
    </div>
  );
}

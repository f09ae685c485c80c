// Things the user should know that are not errors (a teacher came from the cache, an import worked) and storage
// failures (progress or history not kept). Warnings are alerts; information is announced politely. The container
// stays in the page (hidden while empty) so screen readers already watch it when a notice arrives.
import { useStore } from '../../store';
import './persist.css';

export function Notices() {
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  return (
    <div className="persist-notices" data-testid="notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`persist-notice persist-notice-${n.level}`}
          data-testid="notice"
          data-level={n.level}
          role={n.level === 'warning' ? 'alert' : 'status'}
        >
          <span>{n.message}</span>
          <button type="button" className="small" aria-label={`Dismiss: ${n.message}`} onClick={() => dismiss(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}

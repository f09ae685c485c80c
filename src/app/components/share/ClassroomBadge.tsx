// Says the page is in classroom view, and offers the controls back when a link hid them.
import { useStore } from '../../store';

export function ClassroomBadge() {
  const classroom = useStore((s) => s.shareUi.classroom);
  const hidden = useStore((s) => s.shareUi.hideControls);
  const setUi = useStore((s) => s.setShareUi);
  if (!classroom && !hidden) return null;
  return (
    <div className="classroom-badge" data-testid="classroom-badge">
      <strong>Classroom view</strong>
      {hidden ? (
        <>
          {' '}
          · controls hidden{' '}
          <button type="button" className="link" onClick={() => setUi({ hideControls: false })}>
            Show controls
          </button>
        </>
      ) : null}
    </div>
  );
}

// When a link hid the controls: says so and offers them back. (Classroom view alone shows in its pressed
// ☑ Classroom button; a second badge cost the projector's header a row.)
import { useStore } from '../../store';

export function ClassroomBadge() {
  const hidden = useStore((s) => s.shareUi.hideControls);
  const setUi = useStore((s) => s.setShareUi);
  if (!hidden) return null;
  return (
    <div className="classroom-badge" data-testid="classroom-badge">
      <strong>Controls hidden</strong>{' '}
      <button type="button" className="link" onClick={() => setUi({ hideControls: false })}>
        Show controls
      </button>
    </div>
  );
}

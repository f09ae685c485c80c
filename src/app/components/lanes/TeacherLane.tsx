// The teacher's lane: its architecture in one line, its epochs and dropout editable in place (dropout is what
// Fickle Teacher keeps on), and where it is in the run. A teacher trained on corrupted labels (Messy
// Collaboration, target T) gets a lane of its own, read-only: it shares these settings.
import { memo } from 'react';
import { describeModel } from '../../lib/describe';
import { useStore } from '../../store';
import { LaneNumber } from './LaneNumber';
import { LaneStatus } from './LaneStatus';

export const TeacherLane = memo(function TeacherLane({
  id,
  label,
  color,
  primary,
}: {
  id: string;
  label: string;
  color: string;
  primary: boolean;
}) {
  const model = useStore((s) => s.draft.teacher.model);
  const epochs = useStore((s) => s.draft.teacher.epochs);
  return (
    <li className="lane lane-teacher" data-testid="teacher-lane" aria-label={label}>
      <div className="lane-row">
        <span className="lane-name">
          <span className="swatch" style={{ background: color }} aria-hidden="true" />
          {primary ? 'T' : 'T′'}
        </span>
        <span className="lane-method lane-arch" title={label}>
          {primary ? 'Teacher' : label} <span className="muted">{describeModel(model)}</span>
        </span>
        <span className="lane-params">
          {primary ? (
            <>
              <LaneNumber
                symbol="ep"
                name="Teacher epochs"
                path="teacher.epochs"
                value={epochs}
                min={1}
                max={200}
                step={1}
              />
              <LaneNumber
                symbol="p"
                name="Teacher dropout p (Fickle Teacher needs > 0)"
                path="teacher.model.dropout"
                value={model.dropout}
                min={0}
                max={0.9}
                step={0.05}
              />
            </>
          ) : null}
        </span>
        <LaneStatus id={id} method="teacher" />
        <span className="lane-more-spacer" aria-hidden="true" />
      </div>
    </li>
  );
});

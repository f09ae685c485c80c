// One student's lane: its colour and name, the method picker, the method's key numbers editable in place, where it
// is in the run, and a details disclosure with the method's description, its other settings, Duplicate and Remove.
import { memo, useId, useState } from 'react';
import { METHODS } from '../../../core/methods';
import type { MethodId } from '../../../core/config/schema';
import { useStore } from '../../store';
import { MAX_STUDENTS } from '../../store/configSlice';
import { Fields } from '../fields';
import { LaneNumber } from './LaneNumber';
import { LaneStatus } from './LaneStatus';
import { METHOD_OPTIONS, detailFields, keyParams } from './studentFields';

export const StudentLane = memo(function StudentLane({ index, color }: { index: number; color: string }) {
  const s = useStore((st) => st.draft.students[index]);
  const total = useStore((st) => st.draft.students.length);
  const setField = useStore((st) => st.setField);
  const setMethod = useStore((st) => st.setStudentMethod);
  const duplicate = useStore((st) => st.duplicateStudent);
  const remove = useStore((st) => st.removeStudent);
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!s) return null;
  const p = `students.${index}`;
  const name = `S${index + 1}`;
  const keys = keyParams(s, p);
  const more = detailFields(s, p);

  return (
    <li className="lane" data-testid="student-card" aria-label={`Student ${name}: ${METHODS[s.method].label}`}>
      <div className="lane-row">
        <span className="lane-name">
          <span className="swatch" style={{ background: color }} aria-hidden="true" />
          {name}
        </span>
        <select
          className="lane-method"
          aria-label={`Method of ${name}`}
          data-field={`${p}.method`}
          value={s.method}
          onChange={(e) => setMethod(index, e.target.value as MethodId)}
        >
          {METHOD_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <span className="lane-params">
          {keys.length ? (
            keys.map((k) => <LaneNumber key={k.path} {...k} name={`${k.name} of ${name}`} />)
          ) : (
            <span className="muted lane-none">{s.method === 'custom' ? 'see details' : 'labels only'}</span>
          )}
        </span>
        <LaneStatus id={`student-${index + 1}`} method={s.method} />
        <button
          type="button"
          className="lane-more small"
          aria-expanded={open}
          aria-controls={`${id}-details`}
          aria-label={`Details of ${name}`}
          title="Method, other settings, duplicate, remove"
          onClick={() => setOpen((o) => !o)}
        >
          {open ? '▴' : '▾'}
        </button>
      </div>
      <div id={`${id}-details`} className="lane-details" hidden={!open}>
        <p className="method-desc">{METHODS[s.method].description}</p>
        {more.length ? (
          <div className="grid grid-tight">
            <Fields specs={more} onField={setField} />
          </div>
        ) : null}
        <div className="button-row">
          <button
            type="button"
            className="small"
            onClick={() => duplicate(index)}
            disabled={total >= MAX_STUDENTS}
            aria-label={`Duplicate student ${name}`}
          >
            Duplicate
          </button>
          <button
            type="button"
            className="small danger"
            onClick={() => remove(index)}
            disabled={total <= 1}
            aria-label={`Remove student ${name}`}
            title={total <= 1 ? 'Keep at least one student' : 'Remove'}
          >
            Remove
          </button>
        </div>
      </div>
    </li>
  );
});

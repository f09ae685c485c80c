// The models being compared, one lane each: the teacher(s), then every student with its method and key numbers,
// editable in place, and where each is in the run. This is the first thing under the run controls: what a run
// compares. The long form (data, schedule, optimizer, architectures) is in Settings.
import { memo, useEffect, useMemo } from 'react';
import { planPhases } from '../../../core/train/plan';
import { colorsFor } from '../../lib/colors';
import { describeModel } from '../../lib/describe';
import { useStore } from '../../store';
import { MAX_STUDENTS } from '../../store/configSlice';
import { GlossaryTip } from '../GlossaryTip';
import { LaneNumber } from './LaneNumber';
import { StudentLane } from './StudentLane';
import { TeacherLane } from './TeacherLane';
import './lanes.css';

export const ModelLanes = memo(function ModelLanes() {
  const draft = useStore((s) => s.draft);
  const validation = useStore((s) => s.validation); // the config slice validates every edit once
  const keys = useStore((s) => s.studentKeys);
  const addStudent = useStore((s) => s.addStudent);
  const n = draft.students.length;
  // The teachers this draft would train (one more per corrupted-label rate), and every model's colour.
  const { teachers, colors } = useMemo(() => {
    const plan = validation.ok ? planPhases(validation.config) : [];
    const students = draft.students.map((s, i) => ({ id: `student-${i + 1}`, kind: 'student', method: s.method }));
    const ts = plan.filter((p) => p.kind === 'teacher');
    const shown = ts.length ? ts : [{ id: 'teacher', label: 'Teacher', kind: 'teacher' as const }];
    return { teachers: shown, colors: colorsFor([...shown, ...students]) };
  }, [draft.students, validation]);

  return (
    <section className="panel lanes-panel" aria-labelledby="lanes-heading">
      <div className="panel-head">
        <h2 id="lanes-heading">Models</h2>
        <span className="lanes-students muted">
          students: {describeModel(draft.student.model)}
          <LaneNumber
            symbol="ep"
            name="Student epochs"
            path="student.epochs"
            value={draft.student.epochs}
            min={1}
            max={200}
            step={1}
          />
        </span>
        <button
          type="button"
          className="small"
          data-testid="add-student"
          onClick={addStudent}
          disabled={n >= MAX_STUDENTS}
          title={n >= MAX_STUDENTS ? `At most ${MAX_STUDENTS} students` : 'Add a student'}
        >
          + Student
        </button>
      </div>
      <ol className="lanes" aria-label="Teacher and students">
        {teachers.map((t, i) => (
          <TeacherLane key={t.id} id={t.id} label={t.label} color={colors[t.id]} primary={i === 0} />
        ))}
        {keys.map((k, i) => (
          <StudentLane key={k} index={i} color={colors[`student-${i + 1}`]} />
        ))}
      </ol>
      <LaneSymbols />
      <UndoToast />
    </section>
  );
});

/** What the lanes' one-letter labels mean, each with its glossary text (a button per field would not fit a row). */
function LaneSymbols() {
  return (
    <p className="lane-symbols muted">
      <span>Symbols:</span>
      {(['T', 'α', 'σ', 'r'] as const).map((t) => (
        <span key={t} className="lane-symbol-key">
          {t} <GlossaryTip term={t} />
        </span>
      ))}
      <span>· ep epochs · p teacher dropout</span>
    </p>
  );
}

function UndoToast() {
  const removed = useStore((s) => s.removed);
  const undo = useStore((s) => s.undoRemove);
  const dismiss = useStore((s) => s.dismissRemoved);
  useEffect(() => {
    if (!removed) return;
    const t = setTimeout(dismiss, 8000);
    return () => clearTimeout(t);
  }, [removed, dismiss]);
  if (!removed) return null;
  return (
    <div className="toast" role="status">
      Removed a student.{' '}
      <button type="button" className="link" onClick={undo}>
        Undo
      </button>
      <button type="button" className="link" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  );
}

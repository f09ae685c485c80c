// The students: one card per student, add / duplicate / remove, and an undo toast after a removal.
import { memo, useEffect } from 'react';
import { useStore } from '../store';
import { MAX_STUDENTS } from '../store/configSlice';
import { StudentCard } from './StudentCard';

export const StudentsList = memo(function StudentsList() {
  const keys = useStore((s) => s.studentKeys);
  const n = useStore((s) => s.draft.students.length);
  const addStudent = useStore((s) => s.addStudent);

  return (
    <section className="panel students-panel" aria-labelledby="students-heading">
      <div className="panel-head">
        <h2 id="students-heading">
          Students{' '}
          <span className="muted">
            ({n} of max {MAX_STUDENTS})
          </span>
        </h2>
        <button
          type="button"
          data-testid="add-student"
          onClick={addStudent}
          disabled={n >= MAX_STUDENTS}
          title={n >= MAX_STUDENTS ? `At most ${MAX_STUDENTS} students` : 'Add a student'}
        >
          + Add student
        </button>
      </div>
      <p className="muted">
        Every student has the same architecture and is trained from scratch; students that distil learn from the teacher
        trained first.
      </p>
      <div className="student-grid">
        {keys.map((k, i) => (
          <StudentCard key={k} index={i} />
        ))}
      </div>
      <UndoToast />
    </section>
  );
});

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

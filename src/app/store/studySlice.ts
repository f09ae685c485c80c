// A run's study: the cells finished so far (with their results), the cell in progress, and the robust (PGD)
// evaluation that follows a cell's training. Every run is a study; a plain run has one cell.
import type { Cell, CellOutcome } from '../../core/study';
import type { SliceCreator } from './types';

export interface CurrentCell {
  cell: Cell;
  of: number;
  /** Date.now() when the cell began (its elapsed time feeds the study's ETA before any cell has finished). */
  startedAt: number;
}

export interface RobustProgress {
  cell: number;
  done: number;
  total: number;
  label: string;
  /** The first report of this cell's evaluation: where the rate (and so the time left) is measured from. */
  firstDone: number;
  firstAt: number;
  at: number;
}

export interface StudySlice {
  /** Finished cells in the order they arrived (a cell reported twice keeps its last report). */
  cellOutcomes: CellOutcome[];
  currentCell: CurrentCell | null;
  robustProgress: RobustProgress | null;
  /** With a sweep: the index of the sweep value the results views show. */
  studyView: number;

  clearStudy(): void;
  beginCell(cell: Cell, of: number, now?: number): void;
  addRobustProgress(p: { cell: number; done: number; total: number; label: string }, now?: number): void;
  addCellOutcome(o: CellOutcome): void;
  setStudyView(index: number): void;
}

export const createStudySlice: SliceCreator<StudySlice> = (set, get) => ({
  cellOutcomes: [],
  currentCell: null,
  robustProgress: null,
  studyView: 0,

  clearStudy: () => set({ cellOutcomes: [], currentCell: null, robustProgress: null, studyView: 0 }),

  beginCell: (cell, of, now = Date.now()) => set({ currentCell: { cell, of, startedAt: now }, robustProgress: null }),

  addRobustProgress: (p, now = Date.now()) => {
    const prev = get().robustProgress;
    const same = prev && prev.cell === p.cell;
    set({
      robustProgress: {
        cell: p.cell,
        done: p.done,
        total: p.total,
        label: p.label,
        firstDone: same ? prev.firstDone : p.done,
        firstAt: same ? prev.firstAt : now,
        at: now,
      },
    });
  },

  addCellOutcome: (o) =>
    set({
      cellOutcomes: [...get().cellOutcomes.filter((x) => x.cell.index !== o.cell.index), o],
      robustProgress: null,
    }),

  setStudyView: (index) => set({ studyView: index }),
});

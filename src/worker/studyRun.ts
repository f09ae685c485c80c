// Every run is a study (a plain run is one cell with the config's seed), so the UI gets the same events for
// both: `started` once, then per cell `cell`, its phases, its robust evaluation and `cell-done`. Every checkpoint
// record carries the study's progress, so a reload continues the cell in progress (or the next, when it had
// finished) and never trains a finished cell again.
import type { ExperimentConfig } from '../core/config/schema';
import type { Dataset } from '../core/data/types';
import { cellConfig, modelRecords, studyCells, studyOf, type Cell, type CellOutcome } from '../core/study';
import type { ModelResult } from '../core/train/events';
import type { RunCheckpoint } from '../core/train/trainer';
import type { StoredCheckpoint } from '../storage/checkpoints';
import { trainCell, type RunIo } from './cellTrain';
import type { WorkerEnv } from './env';
import type { ModelLab } from './modelLab';
import { robustAfterTraining } from './robustAfter';
import { codedError } from './runErrors';

export type StudyProgress = NonNullable<StoredCheckpoint['study']>;

export interface StudyHooks {
  /** Writes the run's checkpoint record: the checkpoint of the cell `study.cell`, and the finished cells. */
  save: (checkpoint: RunCheckpoint, study: StudyProgress) => Promise<void>;
  /** After the last cell-done: the run's results (the last cell's) and training seconds (all cells'). */
  finished: (results: ModelResult[], seconds: number) => Promise<void>;
}

/** Runs the study of `base` from the start, or from `stored` (a record of this run). */
export async function runStudy(
  io: RunIo,
  env: WorkerEnv,
  lab: ModelLab,
  base: ExperimentConfig,
  stored: StoredCheckpoint | null,
  hooks: StudyHooks,
): Promise<void> {
  const spec = studyOf(base);
  const cells = studyCells(spec);
  const at = startOf(cells, stored);
  let done = at.done;
  let announced = false;
  const noted = new Set<string>(); // each notice once per study, not once per cell
  const noteOnce = (level: 'info' | 'warning', message: string) => {
    if (!noted.has(message)) io.notice(level, message);
    noted.add(message);
  };
  for (let i = at.start; i < cells.length; i++) {
    const cell = cells[i];
    const cc = cellConfig(base, cell, spec.sweep);
    if (!cc.ok) throw codedError('invalid-config', cc.error); // checked before the run: a stored base changed
    const cfg = cc.config;
    const from = i === at.start ? at.resume : null;
    let last = from;
    const t = await trainCell(io, env, lab, cfg, from, {
      beforeTraining: (data, fromDisk) => {
        if (!announced) announce(io, base, data, done);
        announced = true;
        io.post({ type: 'cell', id: io.id, cell, of: cells.length });
        if (fromDisk.length && !from)
          noteOnce(
            'info',
            `Teacher loaded from this browser's cache: its training is skipped (${fromDisk.join(', ')}).`,
          );
      },
      onCheckpoint: (cp) => {
        last = cp;
        return hooks.save(cp, { base, done, cell: i });
      },
    });
    const robust = cfg.attack.afterRun
      ? await robustAfterTraining(cfg, t.data, t.out.models, {
          checkpoint: () => io.control.checkpoint(io.onPause),
          onProgress: (n, total, label) =>
            io.post({ type: 'robust-progress', id: io.id, cell: i, done: n, total, label }),
        })
      : null;
    const outcome: CellOutcome = {
      cell,
      models: modelRecords(t.out.results, robust?.robust ?? null),
      results: t.out.results,
      seconds: t.out.seconds,
      robust: robust?.run ?? null,
    };
    done = [...done, outcome];
    io.post({ type: 'cell-done', id: io.id, outcome });
    // A reload from here on continues with the next cell (the record's cell is in `done`).
    if (i + 1 < cells.length) {
      if (last) await hooks.save(last, { base, done, cell: i });
    } else {
      await hooks.finished(
        t.out.results,
        done.reduce((s, d) => s + d.seconds, 0),
      );
    }
    const why = await lab.teachers.remember(cfg, t.teachers, t.data, t.out.models, t.trained);
    if (why) noteOnce('warning', `The trained teacher is kept for this tab only (${why}).`);
  }
}

/** Where a run continues: the first cell not finished, from the record's checkpoint if it is that cell's. */
function startOf(
  cells: Cell[],
  stored: StoredCheckpoint | null,
): { start: number; done: CellOutcome[]; resume: RunCheckpoint | null } {
  if (!stored) return { start: 0, done: [], resume: null };
  const st = stored.study;
  if (!st) return { start: 0, done: [], resume: stored.checkpoint }; // an older record: a one-cell run
  const finished = st.done.some((d) => d.cell.index === st.cell);
  // A record never has every cell finished (the last one deletes it); if one did, its last cell is redone.
  const start = Math.min(st.cell + (finished ? 1 : 0), cells.length - 1);
  const resume = !finished && start === st.cell ? stored.checkpoint : null;
  return { start, done: st.done.filter((d) => d.cell.index < start), resume };
}

/** `started` (the base config, with its study), then the finished cells of a resumed study, without their epochs. */
function announce(io: RunIo, base: ExperimentConfig, data: Dataset, done: CellOutcome[]): void {
  io.post({ type: 'started', id: io.id, config: base, dataset: summary(data) });
  for (const outcome of done) {
    io.post({ type: 'cell', id: io.id, cell: outcome.cell, of: studyCells(studyOf(base)).length });
    io.post({ type: 'cell-done', id: io.id, outcome });
  }
}

function summary(data: Dataset) {
  return {
    name: data.name,
    shape: [data.height, data.width, data.channels] as [number, number, number],
    numClasses: data.numClasses,
    train: data.train.count,
    test: data.test.count,
  };
}

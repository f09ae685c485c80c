// Where a study stands: the cell in progress ("σ = 0.1 · seed 2 of 3 · cell 5 of 15"), the cells finished, the
// PGD evaluation after each cell's training, and an ETA for the whole study. A plain run shows only its PGD
// evaluation here (its training progress is Progress's).
import { memo } from 'react';
import { isStudy, studyCells, studyOf } from '../../../core/study';
import { formatDuration } from '../../lib/format';
import { isActive, type Store } from '../../store';
import { sameFields, useDeferredStore } from '../../store/useDeferredStore';
import { useThrottledStore } from '../../store/useThrottledStore';
import { cellLine, robustLine, studyEta } from './progressText';

const sel = (s: Store) => ({
  status: s.status,
  runConfig: s.runConfig,
  current: s.currentCell,
  outcomes: s.cellOutcomes,
  robust: s.robustProgress,
  models: s.plan.length,
});
const selLast = (s: Store) => s.lastSample;

export const StudyProgress = memo(function StudyProgress() {
  const { status, runConfig, current, outcomes, robust, models } = useDeferredStore(sel, sameFields);
  const last = useThrottledStore(selLast, 1000);
  if (!runConfig) return null;
  const study = isStudy(runConfig);
  const active = isActive(status);
  const attacking = active && robust && current && robust.cell === current.cell.index ? robust : null;
  if (!study && !attacking) return null;

  // Before the first cell event (data loading, backend start) the plan still says how many runs there are.
  const of = current?.of ?? (studyCells(studyOf(runConfig)).length || outcomes.length);
  const finished = outcomes.length;
  let line: string;
  if (active && current) line = cellLine(current.cell, current.of, studyOf(runConfig));
  else if (status === 'done') line = `Study finished: ${finished} of ${of} runs`;
  else if (status === 'stopped' || status === 'error')
    line = `Study ${status === 'error' ? 'failed' : 'stopped'} after ${finished} of ${of} runs: the finished ones are summarised below`;
  else if (active && !finished) line = `Study of ${of} runs: starting…`;
  else line = `Study: ${finished} of ${of} runs finished`;
  const eta = active
    ? studyEta({ current, outcomes, robust, lastSample: last, afterRun: runConfig.attack.afterRun, now: Date.now() })
    : null;
  const frac = of ? finished / of : 0;

  return (
    <section className="panel study-progress" data-testid="study-progress" aria-label="Study progress">
      {study ? (
        <>
          <div className="study-progress-line" data-testid="study-cell">
            {line}
          </div>
          <div
            className="bar bar-study"
            role="progressbar"
            aria-label="Study progress: runs finished"
            aria-valuemin={0}
            aria-valuemax={of}
            aria-valuenow={finished}
            aria-valuetext={`${finished} of ${of} runs finished`}
          >
            <div className="bar-fill" style={{ transform: `scaleX(${frac})` }} />
          </div>
        </>
      ) : null}
      {attacking ? (
        <div className="study-robust" data-testid="robust-progress" role="status">
          {robustLine(attacking, models)}
        </div>
      ) : null}
      {study && active ? (
        <div className="progress-stats">
          <div className="stat">
            <div className="stat-label">Runs finished</div>
            <div className="stat-value">
              {finished} of {of}
            </div>
          </div>
          <div className="stat">
            <div className="stat-label">Study ETA</div>
            <div className="stat-value" data-testid="study-eta">
              {formatDuration(eta)}
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
});

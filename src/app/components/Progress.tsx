// Where the run is: phase, epoch and step, a progress bar, speed and ETAs (each model's own state is in its lane).
// Everything here follows the run through transition subscriptions (useDeferredStore), so worker messages never
// block the page; the step read-out follows the ~10 step messages a second at most every STEP_MS.
import { memo, useMemo } from 'react';
import { validateConfig } from '../../core/config/validate';
import { isStudy } from '../../core/study';
import { formatDuration, rate } from '../lib/format';
import { planPhases as planModels, type PlannedPhase as PlannedModel } from '../../core/train/plan';
import type { Store } from '../store';
import { sameFields, useDeferredStore } from '../store/useDeferredStore';
import { useThrottledStore } from '../store/useThrottledStore';

/** The step line, speed and ETAs update at most this often. */
const STEP_MS = 250;

const selLast = (s: Store) => s.lastSample;
const selRun = (s: Store) => ({
  status: s.status,
  phase: s.currentPhase,
  plan: s.plan,
  results: s.results,
  runConfig: s.runConfig,
});

// The draft only matters before the first run (to show what it would train).
const selDraft = (s: Store) => (s.plan.length ? null : s.draft);

export const Progress = memo(function Progress() {
  const { status, phase, plan, results, runConfig } = useDeferredStore(selRun, sameFields);
  const last = useThrottledStore(selLast, STEP_MS);
  const draft = useDeferredStore(selDraft);
  // Before the first run, show what the current config would train.
  const models = useMemo<PlannedModel[]>(() => {
    if (plan.length) return plan;
    if (!draft) return [];
    const v = validateConfig(draft);
    return v.ok ? planModels(v.config) : [];
  }, [plan, draft]);
  const byId = useMemo(() => new Map(results.map((r) => [r.id, r])), [results]);
  const study = runConfig ? isStudy(runConfig) : false;

  const ended = status === 'error' || status === 'stopped';
  const sample = last && phase && last.id === phase.id ? last : null;
  const live = ended ? null : sample; // speed and ETAs only while running
  const phaseSteps = phase ? phase.epochs * phase.stepsPerEpoch : 0;
  const phaseDone = sample ? sample.epoch * sample.stepsPerEpoch + sample.step : 0;
  const phaseFrac = phaseSteps ? Math.min(1, phaseDone / phaseSteps) : 0;
  const total = phase?.total ?? models.length;
  const finished = results.length;
  // Overall progress weighs each model by its epochs, so a long teacher phase counts for what it costs.
  const weight = (kind: string) =>
    runConfig ? (kind === 'teacher' ? runConfig.teacher.epochs : runConfig.student.epochs) : 1;
  const totalWeight = models.reduce((a, m) => a + weight(m.kind), 0);
  const doneWeight =
    models.reduce((a, m) => a + (byId.has(m.id) ? weight(m.kind) : 0), 0) +
    (phase && !byId.has(phase.id) ? weight(phase.kind) * phaseFrac : 0);
  const overall = status === 'done' ? 100 : totalWeight ? Math.min(100, (100 * doneWeight) / totalWeight) : 0;

  let line: string;
  if (phase && ended && !byId.has(phase.id)) {
    line = `${status === 'error' ? 'The run failed' : 'Stopped'} during phase ${phase.index + 1} of ${phase.total} · ${phase.label}`;
  } else if (phase && !ended) {
    line =
      `Phase ${phase.index + 1} of ${phase.total} · ${phase.label} · ` +
      `epoch ${sample ? sample.epoch + 1 : 1}/${phase.epochs} · step ${sample ? sample.step : 0}/${phase.stepsPerEpoch}`;
  } else if (status === 'starting') line = 'Starting: loading data and initialising the backend…';
  else if (status === 'done') line = `Finished: ${finished} model${finished === 1 ? '' : 's'} trained`;
  else if (status === 'stopped') line = `Stopped after ${finished} of ${total} models`;
  else if (status === 'error') line = 'The run failed';
  else line = `Ready to train ${models.length} model${models.length === 1 ? '' : 's'}`;

  return (
    <section className="panel progress" data-testid="progress" aria-label="Progress">
      <div className="progress-top">
        <div className="progress-line">{line}</div>
        <div className="progress-stats">
          <Stat label="Speed" value={live ? `${rate(live.imgPerSec)} img/s` : '–'} />
          <Stat label="Phase ETA" value={live ? formatDuration(live.etaPhase) : '–'} />
          {/* In a study this is the run (one seed, one value) in progress; the study's own ETA is StudyProgress's. */}
          <Stat label={study ? 'This run’s ETA' : 'Run ETA'} value={live ? formatDuration(live.etaRun) : '–'} />
          <Stat label="Learning rate" value={live ? live.lr.toPrecision(3) : '–'} />
        </div>
      </div>
      {phase?.reused ? <div className="note">Teacher reused from an earlier run: no training needed.</div> : null}
      <div
        className="bar"
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(overall)}
        aria-valuetext={`${Math.round(overall)} %`}
      >
        {/* scaleX, not width: the bar's transition then runs on the compositor, with no layout or paint per frame. */}
        <div className="bar-fill" style={{ transform: `scaleX(${overall / 100})` }} />
      </div>
    </section>
  );
});

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
    </div>
  );
}

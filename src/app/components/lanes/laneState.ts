// What one lane says about its model in the current run: waiting, the epoch in training, or its test accuracy.
// Pure (store fields in, words out), so the lanes stay cheap to render and easy to test.
import type { EpochMetrics, ModelResult, PhaseInfo } from '../../../core/train/events';
import type { PlannedPhase } from '../../../core/train/plan';
import { pct } from '../../lib/format';
import type { RunStatus } from '../../store';

export type LaneKind = 'idle' | 'pending' | 'running' | 'done' | 'failed' | 'stopped' | 'stale';

export interface LaneState {
  kind: LaneKind;
  /** Short, for the lane: "epoch 2/4 · 96.1 %", "97.84 %". */
  text: string;
  /** Longer, for screen readers and the tooltip. */
  title: string;
  /** Fraction of this model's epochs done (0–1), for the lane's thin bar. */
  progress: number;
}

export interface LaneRun {
  status: RunStatus;
  plan: PlannedPhase[];
  phases: Record<string, PhaseInfo>;
  results: ModelResult[];
  epochs: Record<string, EpochMetrics[]>;
  currentId: string | null;
}

const IDLE: LaneState = { kind: 'idle', text: '', title: 'not trained yet', progress: 0 };

/** The lane of model `id`, whose draft method is `method` (a lane edited since the run says so). */
export function laneState(id: string, method: string, run: LaneRun): LaneState {
  if (!run.plan.length) return IDLE;
  const planned = run.plan.find((p) => p.id === id);
  if (!planned || (planned.kind === 'student' && planned.method !== method)) {
    return { kind: 'stale', text: 'new', title: 'changed since the last run: trains on the next Train', progress: 0 };
  }
  const result = run.results.find((r) => r.id === id);
  const reused = run.phases[id]?.reused ? ' · reused' : '';
  if (result) {
    return {
      kind: 'done',
      text: `${pct(result.testAcc, 1)} %${reused}`, // one decimal: the results table has two
      title: `test accuracy ${pct(result.testAcc)} %${reused ? ' (teacher reused from an earlier run)' : ''}`,
      progress: 1,
    };
  }
  const done = run.epochs[id] ?? [];
  const total = run.phases[id]?.epochs ?? planned.epochs;
  const last = done[done.length - 1];
  const lastAcc = last ? ` · ${pct(last.testAcc, 1)} %` : '';
  if (run.currentId === id) {
    if (run.status === 'error') return { kind: 'failed', text: '✗ failed', title: 'training failed', progress: 0 };
    if (run.status === 'stopped') {
      return { kind: 'stopped', text: `stopped${lastAcc}`, title: `stopped after ${done.length} epochs`, progress: 0 };
    }
    const epoch = Math.min(total, done.length + 1);
    return {
      kind: 'running',
      text: `epoch ${epoch}/${total}${lastAcc}`,
      title: `training epoch ${epoch} of ${total}${last ? `; test accuracy after epoch ${last.epoch}: ${pct(last.testAcc)} %` : ''}`,
      progress: total ? done.length / total : 0,
    };
  }
  const active = run.status === 'starting' || run.status === 'running' || run.status === 'paused';
  return active
    ? { kind: 'pending', text: 'waiting', title: 'waits for its turn in this run', progress: 0 }
    : { kind: 'stopped', text: 'not trained', title: 'the run ended before this model', progress: 0 };
}

// Interrupted runs: checkpoints whose run no tab owns any more (its lock is free) can be resumed here; those
// another tab is training are counted and watched, so their Resume appears here once that tab closes.
import { cellConfig, studyCells, studyOf } from '../core/study';
import { planPhases } from '../core/train/plan';
import { checkpointBytes } from '../core/train/checkpoint';
import { listCheckpoints, type StoredCheckpoint } from '../storage/checkpoints';
import type { WorkerEnv } from './env';
import type { ResumeInfo } from './protocol';
import { runLockName } from './runLocks';

export type Claim = { stored: StoredCheckpoint; release: () => void } | { error: string };

export class InterruptedRuns {
  private watching = new Set<string>();

  constructor(
    private readonly env: WorkerEnv,
    /** The key of the run this tab is training, if any (it is not "elsewhere"). */
    private readonly ownKey: () => string | null,
  ) {}

  async info(): Promise<{ info: ResumeInfo | null; elsewhere: number }> {
    const all = await listCheckpoints().catch(() => []);
    const held = await this.env.locks.held();
    const owned = (c: StoredCheckpoint) => held.has(runLockName(c.runKey));
    const elsewhere = all.filter((c) => owned(c) && c.runKey !== this.ownKey());
    for (const c of elsewhere) this.watch(c.runKey);
    const free = all.find((c) => !owned(c));
    return { info: free ? describe(free) : null, elsewhere: elsewhere.length };
  }

  /** Takes ownership of an interrupted run (the one named, else the newest free one). */
  async claim(runKey?: string): Promise<Claim> {
    const all = await listCheckpoints().catch(() => []);
    const held = await this.env.locks.held();
    const c = runKey ? all.find((x) => x.runKey === runKey) : all.find((x) => !held.has(runLockName(x.runKey)));
    if (!c) return { error: 'There is no interrupted run to resume.' };
    const release = await this.env.locks.tryHold(runLockName(c.runKey));
    if (!release) return { error: 'This run is in progress in another tab: resume it there, or close that tab first.' };
    return { stored: c, release };
  }

  private watch(runKey: string): void {
    if (this.watching.has(runKey)) return;
    this.watching.add(runKey);
    void this.env.locks.whenFree(runLockName(runKey)).then(async () => {
      this.watching.delete(runKey);
      this.env.post({ type: 'resume-info', id: 0, ...(await this.info()) });
    });
  }
}

function describe(stored: StoredCheckpoint): ResumeInfo {
  const cp = stored.checkpoint;
  const st = stored.study;
  const spec = st ? studyOf(st.base) : null;
  const cells = spec ? studyCells(spec) : [];
  // The record's cell finished (a reload between cells): the run continues at the start of the next one.
  const between = !!st && st.done.some((d) => d.cell.index === st.cell) && st.cell + 1 < cells.length;
  const at = st ? cells[Math.min(st.cell + (between ? 1 : 0), cells.length - 1)] : null;
  const next = between ? cellConfig(st!.base, at!, spec!.sweep) : null;
  const fresh = next?.ok ? next.config : null;
  const planned = planPhases(fresh ?? cp.config);
  const phase = fresh ? 0 : cp.phase;
  const p = planned[Math.min(phase, planned.length - 1)];
  return {
    runKey: stored.runKey,
    savedAt: stored.savedAt,
    config: st?.base ?? cp.config,
    study: at ? { cell: at.index, of: cells.length, seed: at.seed, value: at.value } : null,
    stepMode: stored.stepMode,
    phase,
    phases: planned.length,
    phaseLabel: p?.label ?? '',
    epoch: fresh ? 0 : (cp.current?.epoch ?? 0),
    epochs: p?.epochs ?? 0,
    bytes: checkpointBytes(cp),
    backend: cp.backend,
  };
}

/** A run key: random, and available outside secure contexts too (crypto.randomUUID is not). */
export function newRunKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

// The autotuner: picks, per op kind and shape, the fastest of several equivalent formulations by timing them on
// this device with the model's real first-step tensors (cuDNN's benchmark mode, for the browser).
//   - While a model's session is open, an op that has no choice yet records its arguments (clones) and runs its
//     prior rule; after the step, finishModel() looks each one up in the cache, else times the candidates.
//   - Timing: one warm-up call (shader compilation), then up to `reps` calls, the median kept.
//   - Bounded: one budget per model. A call starts only while the budget lasts and when the candidate's last
//     call would still fit, so tuning takes at most the budget plus one call; a shape whose baseline could not be
//     timed keeps its prior rule, and a shape not fully timed is not cached (a later run tries again).
//   - Never slower than stock by construction: stock (or, where the backend has none, the prior rule) is always
//     timed first, and another candidate wins only by a margin.
import * as tf from '@tensorflow/tfjs-core';
import { tuneKey, type TuneCache, type TuneDevice, type TuneRecord } from './cache';
import { median, timeCall, type Outputs } from './timer';

export interface Candidate {
  name: string;
  /** Whether it runs here for these arguments (a kernel the backend lacks, a stride it does not handle). */
  available(...args: unknown[]): boolean;
  /** The formulation itself. */
  run(...args: unknown[]): Outputs;
  /** What the tuner times, when it is not `run` alone (e.g. a forward pass with its backward). */
  time?(...args: unknown[]): Outputs;
}

export interface TunerOptions {
  /** Total timing budget per model, in ms (default 2000). */
  budgetMs?: number;
  /** Timed calls per candidate after the warm-up (default 5). */
  reps?: number;
  /** A non-baseline candidate must be this much faster to be chosen (default 0.05: 5 %), so noise never switches. */
  margin?: number;
}

/** One decided shape, for the backend details. */
export interface TunedOp extends TuneRecord {
  /** From the cache (no timing this run). */
  cached: boolean;
}

export type TuneStatus = { state: 'tuning'; shapes: number } | { state: 'done'; ops: TunedOp[]; ms: number };

interface Pending {
  op: string;
  shape: string;
  prior: string;
  args: unknown[];
}

const cloneArg = (a: unknown) => (a instanceof tf.Tensor ? tf.keep(tf.clone(a)) : a);

export class Tuner {
  private readonly choices = new Map<string, TunedOp>();
  private readonly pending = new Map<string, Pending>();
  private open = false;
  readonly budgetMs: number;
  private readonly reps: number;
  private readonly margin: number;

  constructor(
    readonly device: TuneDevice,
    private readonly candidates: (op: string) => readonly Candidate[],
    private readonly cache: TuneCache,
    o: TunerOptions = {},
  ) {
    this.budgetMs = o.budgetMs ?? 2000;
    this.reps = o.reps ?? 5;
    this.margin = o.margin ?? 0.05;
  }

  /** The decided candidate of a shape, if any (synchronous: ops ask on the hot path). */
  choice(op: string, shape: string): string | undefined {
    return this.choices.get(tuneKey(this.device, op, shape))?.choice;
  }

  /** Every decision so far, for the backend details. */
  summary(): TunedOp[] {
    return [...this.choices.values()];
  }

  get recording(): boolean {
    return this.open;
  }

  /** Opens a model's session: ops without a choice record their arguments until finishModel(). */
  beginModel(): void {
    this.open = true;
  }

  /** Called by an op that has no choice (its prior rule runs meanwhile). Keeps clones of the tensors. */
  record(op: string, shape: string, args: readonly unknown[], prior: string): void {
    if (!this.open) return;
    const key = tuneKey(this.device, op, shape);
    if (this.pending.has(key) || this.choices.has(key)) return;
    this.pending.set(key, { op, shape, prior, args: args.map(cloneArg) });
  }

  /** Closes the session without tuning (a failed step): the recorded clones are disposed. */
  abort(): void {
    this.open = false;
    for (const p of this.pending.values()) tf.dispose(p.args.filter((a): a is tf.Tensor => a instanceof tf.Tensor));
    this.pending.clear();
  }

  /** Closes the session: resolves what was recorded from the cache, else by timing within the budget. */
  async finishModel(onStatus?: (s: TuneStatus) => void): Promise<TunedOp[]> {
    this.open = false;
    const todo = [...this.pending.entries()];
    this.pending.clear();
    const decided: TunedOp[] = [];
    const t0 = performance.now();
    try {
      const misses: [string, Pending][] = [];
      for (const [key, p] of todo) {
        const hit = await this.cache.get(key).catch(() => undefined);
        if (hit && this.find(p, hit.choice)) {
          const d = { ...hit, cached: true };
          this.choices.set(key, d);
          decided.push(d);
        } else misses.push([key, p]);
      }
      if (misses.length) onStatus?.({ state: 'tuning', shapes: misses.length });
      let spent = 0;
      for (const [key, p] of misses) {
        const { record, complete, ms } = await this.timeShape(p, this.budgetMs - spent);
        spent += ms;
        if (!record) continue;
        const d = { ...record, cached: false };
        this.choices.set(key, d);
        decided.push(d);
        if (complete) await this.cache.set(key, record).catch(() => undefined);
      }
    } finally {
      for (const [, p] of todo) tf.dispose(p.args.filter((a): a is tf.Tensor => a instanceof tf.Tensor));
    }
    if (decided.length) onStatus?.({ state: 'done', ops: decided, ms: performance.now() - t0 });
    return decided;
  }

  private available(p: Pending): Candidate[] {
    return this.candidates(p.op).filter((c) => {
      try {
        return c.available(...p.args);
      } catch {
        return false;
      }
    });
  }

  private find(p: Pending, name: string): Candidate | undefined {
    return this.available(p).find((c) => c.name === name);
  }

  /** Times a shape's candidates within `budget` ms. complete: every available candidate was timed. */
  private async timeShape(
    p: Pending,
    budget: number,
  ): Promise<{ record: TuneRecord | null; complete: boolean; ms: number }> {
    const all = this.available(p);
    const baseline = all.find((c) => c.name === 'stock') ?? all.find((c) => c.name === p.prior);
    if (!baseline) return { record: null, complete: false, ms: 0 };
    const times: Record<string, number> = {};
    let spent = 0;
    let complete = true;
    for (const c of [baseline, ...all.filter((x) => x !== baseline)]) {
      const f = () => (c.time ?? c.run).apply(c, p.args);
      const samples: number[] = [];
      let warm = false; // the first call compiles (shaders, kernels): run, not counted
      let last = 0; // the candidate's last call: the next one must fit in what is left
      try {
        while (samples.length < this.reps && spent < budget && spent + last <= budget) {
          const t = await timeCall(f);
          spent += t;
          last = t;
          if (warm) samples.push(t);
          warm = true;
        }
      } catch {
        // A candidate that throws is left out (the shape is still decided among the others).
        complete = false;
        if (c === baseline) return { record: null, complete: false, ms: spent };
        continue;
      }
      if (samples.length) times[c.name] = median(samples);
      else complete = false;
      if (c === baseline && !samples.length) return { record: null, complete: false, ms: spent };
    }
    const base = times[baseline.name];
    let choice = baseline.name;
    for (const [name, ms] of Object.entries(times)) {
      if (name !== baseline.name && ms < base * (1 - this.margin) && ms < times[choice]) choice = name;
    }
    const record: TuneRecord = {
      op: p.op,
      shape: p.shape,
      choice,
      ms: times,
      baseline: baseline.name,
      gain: base / times[choice],
      measuredAt: Date.now(),
    };
    return { record, complete, ms: spent };
  }
}

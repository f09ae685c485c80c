// The results table's rows: per model its clean and PGD accuracy over seeds (mean, sd, every seed's value) and
// its paired difference from each reference. Pure: from a summary group (finished cells) or, before any cell has
// finished, from the live results of the one in progress.
import type { Comparison, ModelSummary, PairedDiff, StudyGroup } from '../../../core/study';
import type { ModelResult } from '../../../core/train/events';
import { excludesZero, favourText, intervalText, MIN_SEEDS, pts } from './format';

export interface SeedValue {
  seed: number;
  value: number;
}

export interface StatView {
  n: number;
  mean: number;
  sd: number;
  dots: SeedValue[];
}

export type Metric = 'clean' | 'robust';

export interface DeltaView {
  metric: Metric;
  /** 'diff' a judged difference, 'too-few' under 3 seeds, 'none' no paired results. */
  kind: 'diff' | 'too-few' | 'none';
  /** "+0.40", or what stands in its place ("too few seeds (n = 2)"). */
  text: string;
  /** "(−1.20 … +2.00)" for a judged difference, else "". */
  interval: string;
  detail: string;
  /** Set only where the 95 % interval leaves out 0 with enough seeds: the one case a difference is marked. */
  clear: 'higher' | 'lower' | null;
}

export interface RefDeltas {
  refLabel: string;
  clean: DeltaView;
  robust: DeltaView | null;
}

export interface RowView {
  id: string;
  label: string;
  method: string;
  kind: 'teacher' | 'student';
  clean: StatView | null;
  robust: StatView | null;
  deltas: RefDeltas[];
  /** Why a model has no Δ (a baseline, a missing reference, the teacher). */
  note: string | null;
}

function stat(m: ModelSummary, metric: Metric): StatView | null {
  const d = metric === 'clean' ? m.clean : m.robust;
  if (!d || !d.n) return null;
  const dots = m.perSeed.flatMap((p) => {
    const v = metric === 'clean' ? p.clean : p.robust;
    return v === null || !Number.isFinite(v) ? [] : [{ seed: p.seed, value: v }];
  });
  return { n: d.n, mean: d.mean, sd: d.sd, dots };
}

export function deltaView(d: PairedDiff | null, metric: Metric): DeltaView {
  if (!d || !d.n)
    return {
      metric,
      kind: 'none',
      text: metric === 'robust' ? 'no PGD results' : 'no paired seeds',
      interval: '',
      detail: '',
      clear: null,
    };
  if (d.n < MIN_SEEDS)
    return {
      metric,
      kind: 'too-few',
      // One seed's difference would read as a winner: it is not shown at all. Two seeds show their (wide)
      // interval, which itself says why nothing is judged.
      text: d.n >= 2 ? pts(d.mean) : `too few seeds (n = ${d.n})`,
      interval: d.n >= 2 ? intervalText(d) : '',
      detail: d.n >= 2 ? `${favourText(d)} · too few seeds (n = ${d.n}) to judge` : '',
      clear: null,
    };
  return {
    metric,
    kind: 'diff',
    text: pts(d.mean),
    interval: intervalText(d),
    detail: favourText(d),
    clear: excludesZero(d),
  };
}

function refDeltas(c: Comparison, robustOn: boolean): RefDeltas {
  if (!c.refId) {
    const none: DeltaView = {
      metric: 'clean',
      kind: 'none',
      text: `no Δ: ${c.reason ?? 'no reference'}`,
      interval: '',
      detail: '',
      clear: null,
    };
    return { refLabel: c.refName, clean: none, robust: null };
  }
  return {
    refLabel: c.refLabel ?? c.refName,
    clean: deltaView(c.clean, 'clean'),
    robust: robustOn ? deltaView(c.robust, 'robust') : null,
  };
}

/** One row per model of a group (sweep value), in plan order. */
export function groupRows(g: StudyGroup, robustOn: boolean): RowView[] {
  return g.models.map((m) => {
    const comps = g.comparisons.filter((c) => c.modelId === m.id);
    const none = g.noReference.find((x) => x.modelId === m.id);
    return {
      id: m.id,
      label: m.label,
      method: m.method,
      kind: m.kind,
      clean: stat(m, 'clean'),
      robust: robustOn ? stat(m, 'robust') : null,
      deltas: comps.map((c) => refDeltas(c, robustOn)),
      note: m.kind === 'teacher' ? 'teacher: distilled from, not compared' : (none?.reason ?? null),
    };
  });
}

/** The cell in progress, before any cell has finished: each finished model's clean accuracy, one seed. */
export function liveRows(results: readonly ModelResult[], seed: number): RowView[] {
  return results.map((r) => ({
    id: r.id,
    label: r.label,
    method: r.method,
    kind: r.kind,
    clean: Number.isFinite(r.testAcc) ? { n: 1, mean: r.testAcc, sd: 0, dots: [{ seed, value: r.testAcc }] } : null,
    robust: null,
    deltas: [],
    note: null,
  }));
}

/** A shared scale for one column's dots: every row's values, padded so that a lone dot sits in the middle. */
export function dotDomain(rows: readonly RowView[], metric: Metric): [number, number] {
  const vs = rows.flatMap((r) => r[metric]?.dots.map((d) => d.value) ?? []);
  if (!vs.length) return [0, 1];
  const lo = Math.min(...vs);
  const hi = Math.max(...vs);
  const pad = Math.max((hi - lo) * 0.08, 0.002);
  return [lo - pad, hi + pad];
}

// From per-cell results to the study summary: per model mean ± sd over seeds (per sweep value), paired Δ vs
// each model's reference, the paper's claims and, with a sweep, one row per (model, value). Pure and
// order-independent: cells merged from many processes give the same summary as one run.
import type { ExperimentConfig } from '../config/schema';
import type { ModelResult } from '../train/events';
import { planPhases } from '../train/plan';
import { evaluateClaims, type ClaimResult } from './claims';
import { cellConfig } from './plan';
import { referencesOf, type NoReference } from './references';
import type { StudySpec, Sweep } from './spec';
import { describe, tInterval95, type Describe, type Interval } from './stats';

/** One model's result in one cell; accuracies in [0, 1]. */
export interface ModelRecord {
  id: string;
  label: string;
  kind: 'teacher' | 'student';
  method: string;
  clean: number;
  /** Robust accuracy under the study's PGD attack; null when not measured. */
  robust: number | null;
}

export interface CellRecord {
  seed: number;
  value: number | null;
  models: ModelRecord[];
}

/** A cell's model records from the trainer's results and the robust accuracy per model id (if attacked). */
export function modelRecords(
  results: readonly Pick<ModelResult, 'id' | 'label' | 'kind' | 'method' | 'testAcc'>[],
  robust: Readonly<Record<string, number>> | null,
): ModelRecord[] {
  return results.map((r) => ({
    id: r.id,
    label: r.label,
    kind: r.kind,
    method: r.method,
    clean: r.testAcc,
    robust: robust?.[r.id] ?? null,
  }));
}

export type Metric = 'clean' | 'robust';

export interface ModelSummary {
  id: string;
  label: string;
  kind: 'teacher' | 'student';
  method: string;
  clean: Describe;
  robust: Describe | null;
  perSeed: { seed: number; clean: number; robust: number | null }[];
}

/** model − reference per seed, with the 95 % t-interval of the mean difference. */
export interface PairedDiff extends Interval {
  seeds: number[];
  diffs: number[];
  /** Seeds where the model beat its reference (difference > 0). */
  favour: number;
}

export interface Comparison {
  modelId: string;
  modelLabel: string;
  method: string;
  refId: string | null;
  refLabel: string | null;
  refMethod: string | null;
  refName: string;
  reason?: string;
  clean: PairedDiff | null;
  robust: PairedDiff | null;
}

export interface StudyGroup {
  /** The sweep value (null without a sweep). */
  value: number | null;
  seeds: number[];
  models: ModelSummary[];
  comparisons: Comparison[];
  noReference: NoReference[];
  claims: ClaimResult[];
}

export interface SweepRow {
  modelId: string;
  label: string;
  method: string;
  value: number;
  clean: Describe;
  robust: Describe | null;
}

export interface StudySummary {
  seeds: number[];
  sweep: Sweep | null;
  groups: StudyGroup[];
  /** With a sweep: per (model, value), ordered by model then value. */
  sweepRows: SweepRow[] | null;
}

export function pairedDiff(
  seeds: readonly number[],
  a: Map<number, number>,
  b: Map<number, number>,
): PairedDiff | null {
  const paired = seeds.filter((s) => a.has(s) && b.has(s));
  if (!paired.length) return null;
  const diffs = paired.map((s) => a.get(s)! - b.get(s)!);
  return { ...tInterval95(diffs), seeds: paired, diffs, favour: diffs.filter((d) => d > 0).length };
}

export function summarizeStudy(base: ExperimentConfig, spec: StudySpec, cells: readonly CellRecord[]): StudySummary {
  const values: (number | null)[] = spec.sweep ? spec.sweep.values : [null];
  const groups = values.map((value) => {
    const cfg = cellConfig(base, { seed: spec.seeds[0], value }, spec.sweep);
    if (!cfg.ok) throw new Error(cfg.error);
    const mine = cells.filter((c) => c.value === value);
    return summarizeGroup(cfg.config, spec.seeds, value, mine);
  });
  const sweepRows = spec.sweep
    ? groups[0].models.flatMap((m) =>
        groups.flatMap((g) => {
          const x = g.models.find((y) => y.id === m.id);
          return x
            ? [{ modelId: m.id, label: x.label, method: x.method, value: g.value!, clean: x.clean, robust: x.robust }]
            : [];
        }),
      )
    : null;
  return { seeds: [...spec.seeds], sweep: spec.sweep ?? null, groups, sweepRows };
}

function summarizeGroup(
  cfg: ExperimentConfig,
  studySeeds: readonly number[],
  value: number | null,
  cells: readonly CellRecord[],
): StudyGroup {
  // Seeds in the study's order, whatever order the cells arrived in; a repeated cell is an error upstream.
  const bySeed = new Map(cells.map((c) => [c.seed, c]));
  const seeds = studySeeds.filter((s) => bySeed.has(s));
  const metric = (id: string, m: Metric) =>
    new Map(
      seeds.flatMap((s) => {
        const r = bySeed.get(s)!.models.find((x) => x.id === id);
        const v = r ? r[m] : null;
        return v === null || v === undefined || !Number.isFinite(v) ? [] : [[s, v] as [number, number]];
      }),
    );
  const phases = planPhases(cfg);
  const models: ModelSummary[] = phases
    .map((p) => {
      const perSeed = seeds.flatMap((s) => {
        const r = bySeed.get(s)!.models.find((x) => x.id === p.id);
        return r ? [{ seed: s, clean: r.clean, robust: r.robust }] : [];
      });
      const robust = perSeed.filter((x) => x.robust !== null).map((x) => x.robust!);
      return {
        id: p.id,
        label: p.label,
        kind: p.kind,
        method: p.method,
        clean: describe(perSeed.map((x) => x.clean)),
        robust: robust.length ? describe(robust) : null,
        perSeed,
      };
    })
    .filter((m) => m.perSeed.length);
  const label = new Map(phases.map((p) => [p.id, p]));
  const { refs, none } = referencesOf(cfg);
  const comparisons: Comparison[] = refs.map((r) => ({
    modelId: r.modelId,
    modelLabel: label.get(r.modelId)!.label,
    method: label.get(r.modelId)!.method,
    refId: r.refId,
    refLabel: r.refId ? label.get(r.refId)!.label : null,
    refMethod: r.refId ? label.get(r.refId)!.method : null,
    refName: r.refName,
    ...(r.reason ? { reason: r.reason } : {}),
    clean: r.refId ? pairedDiff(seeds, metric(r.modelId, 'clean'), metric(r.refId, 'clean')) : null,
    robust: r.refId ? pairedDiff(seeds, metric(r.modelId, 'robust'), metric(r.refId, 'robust')) : null,
  }));
  return { value, seeds, models, comparisons, noReference: none, claims: evaluateClaims(comparisons) };
}

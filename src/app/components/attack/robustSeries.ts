// The robustness chart's data, from a sweep result: robust accuracy (%) per model at each ε (ε = 0 is the clean
// accuracy), as table rows and as one curve per model. Pure, so the table, the chart and tests share it.
import { attackLabel, type AttackSpec } from '../../../core/attacks/types';
import type { SweepResult } from '../../../worker/attackProtocol';
import type { Line, CurveStyle } from '../chart/CurvesLayer';
import type { EpsUnits } from './epsUnits';
import type { LabModel } from './labHooks';

/** Robust accuracy per model at each ε of the sweep, in %; ε = 0 is the clean accuracy. */
export function robustRows(r: SweepResult): Record<string, number>[] {
  return r.sweep.epsList.map((eps, k) => {
    const row: Record<string, number> = { eps };
    for (const [id, pts] of Object.entries(r.sweep.models)) {
      const acc = eps === 0 ? (r.sweep.clean[id] ?? pts[k]?.robust) : pts[k]?.robust;
      if (acc !== undefined && Number.isFinite(acc)) row[id] = acc * 100;
    }
    return row;
  });
}

/**
 * A sweep by its attack and its ε range, e.g. "PGD-20 (rand) sweep, ε = 0.05–0.3": the attack's label without its
 * own ε (the sweep varies it), ε = 0 (the clean accuracy) left out of the range.
 */
export function sweepName(attack: AttackSpec, epsList: readonly number[], u: EpsUnits): string {
  const name = attackLabel(attack).replace(/\s*ε=[^\s)]+/, '');
  const on = epsList.filter((e) => e > 0);
  if (!on.length) return `${name} sweep, clean only`;
  const lo = Math.min(...on);
  const hi = Math.max(...on);
  const range = lo === hi ? u.short(lo) : `${u.short(lo)}–${u.short(hi)}`;
  return `${name} sweep, ε = ${range}${u.unit}`;
}

export function sweepTitle(r: SweepResult, sourceLabel: string | null, u: EpsUnits): string {
  const how = r.source === null ? 'white-box' : `transferred from ${sourceLabel ?? r.source}`;
  return `Robust accuracy vs ε · ${sweepName(r.attack, r.sweep.epsList, u)} · ${how}`;
}

/** One curve per model (x = ε, y = robust accuracy in %), skipping the ε a model has no value at. */
export function robustLines(
  rows: Record<string, number>[],
  models: LabModel[],
  units: EpsUnits,
  style: CurveStyle,
): Line[] {
  return models.map((m) => ({
    key: m.id,
    model: m.id,
    color: m.color,
    style,
    points: rows.flatMap((r) => (r[m.id] === undefined ? [] : [{ x: r.eps, y: r[m.id] }])),
    title: (p) => `${m.label} · ε = ${units.both(p.x)} · ${p.y.toFixed(1)}%`,
  }));
}

// Test accuracy per epoch across seeds: per model the mean curve, the min–max band over seeds and every seed's
// own curve, from the finished cells' epoch histories (one sweep value at a time). Pure.
import type { CellOutcome } from '../../../core/study';
import type { Point } from '../../lib/series';
import type { BandPoint } from '../chart/geometry';

export interface ModelCurves {
  id: string;
  label: string;
  mean: Point[];
  band: BandPoint[];
  seeds: { seed: number; points: Point[] }[];
}

/** The outcomes of one sweep value (all of them without a sweep), in seed order. */
export function outcomesAt(outcomes: readonly CellOutcome[], value: number | null): CellOutcome[] {
  return outcomes.filter((o) => o.cell.value === value).sort((a, b) => a.cell.index - b.cell.index);
}

/** Per model (in the order first seen), accuracy in percent at each completed epoch. */
export function seedCurves(outcomes: readonly CellOutcome[]): ModelCurves[] {
  const byId = new Map<string, ModelCurves>();
  for (const o of outcomes)
    for (const r of o.results) {
      let m = byId.get(r.id);
      if (!m) byId.set(r.id, (m = { id: r.id, label: r.label, mean: [], band: [], seeds: [] }));
      const points = r.history
        .filter((e) => Number.isFinite(e.testAcc))
        .map((e) => ({ x: e.epoch, y: e.testAcc * 100 }));
      m.seeds.push({ seed: o.cell.seed, points });
    }
  for (const m of byId.values()) {
    const at = new Map<number, number[]>();
    for (const s of m.seeds) for (const p of s.points) at.set(p.x, [...(at.get(p.x) ?? []), p.y]);
    const xs = [...at.keys()].sort((a, b) => a - b);
    m.mean = xs.map((x) => ({ x, y: at.get(x)!.reduce((a, b) => a + b, 0) / at.get(x)!.length }));
    m.band = xs.map((x) => ({ x, lo: Math.min(...at.get(x)!), hi: Math.max(...at.get(x)!) }));
  }
  return [...byId.values()];
}

/** The lowest value on the chart (band and seeds), for the y axis. */
export function lowestY(curves: readonly ModelCurves[]): number {
  let lo = Infinity;
  for (const c of curves) {
    for (const b of c.band) lo = Math.min(lo, b.lo);
    for (const s of c.seeds) for (const p of s.points) lo = Math.min(lo, p.y);
  }
  return lo;
}

/** The screen-reader summary: each model's final mean accuracy and its range over seeds. */
export function curvesSummary(curves: readonly ModelCurves[]): string {
  const parts = curves.flatMap((c) => {
    const m = c.mean.at(-1);
    const b = c.band.at(-1);
    if (!m || !b) return [];
    const n = c.seeds.length;
    return [
      `${c.label}: mean ${m.y.toFixed(2)} % after epoch ${m.x} over ${n} seed${n === 1 ? '' : 's'}` +
        (n > 1 ? ` (range ${b.lo.toFixed(2)} to ${b.hi.toFixed(2)} %)` : ''),
    ];
  });
  return parts.length ? parts.join('; ') : 'No finished seeds yet.';
}

// The sweep chart's data: per model, clean or PGD accuracy (percent) against the swept value, the mean over seeds
// with the min–max range at each value. Pure, from the summary's sweep rows.
import type { SweepParam, SweepRow } from '../../../core/study';
import type { Point } from '../../lib/series';
import type { BandPoint } from '../chart/geometry';
import type { Metric } from './resultRows';

export interface SweepLine {
  id: string;
  label: string;
  mean: Point[];
  range: BandPoint[];
  /** Seeds behind each value, for the summary. */
  n: number[];
}

/** A model's label without the swept value in it ("S4: Soft Randomization σ=0.1" → "S4: Soft Randomization"): one
 * line spans every value. */
export function sweptLabel(label: string, param: SweepParam | null): string {
  if (param === 'sigma') return label.replace(/\s*σ=[-\d.e]+/, '');
  if (param === 'rate') return label.replace(/,?\s*r=[-\d.e]+/, '');
  return label;
}

export function sweepLines(rows: readonly SweepRow[], metric: Metric, param: SweepParam | null = null): SweepLine[] {
  const byId = new Map<string, SweepLine>();
  for (const r of rows) {
    const d = metric === 'clean' ? r.clean : r.robust;
    if (!d || !d.n) continue;
    let l = byId.get(r.modelId);
    if (!l) byId.set(r.modelId, (l = { id: r.modelId, label: sweptLabel(r.label, param), mean: [], range: [], n: [] }));
    l.mean.push({ x: r.value, y: d.mean * 100 });
    l.range.push({ x: r.value, lo: d.min * 100, hi: d.max * 100 });
    l.n.push(d.n);
  }
  for (const l of byId.values()) {
    const order = l.mean.map((_, i) => i).sort((a, b) => l.mean[a].x - l.mean[b].x);
    l.mean = order.map((i) => l.mean[i]);
    l.range = order.map((i) => l.range[i]);
    l.n = order.map((i) => l.n[i]);
  }
  return [...byId.values()];
}

/** The x axis: the swept values as ticks, the domain padded so the end values' bars are not cut. */
export function sweepAxis(values: readonly number[]): { domain: number[]; ticks: number[] } {
  const ticks = [...values].sort((a, b) => a - b);
  const lo = ticks[0];
  const hi = ticks[ticks.length - 1];
  const pad = hi > lo ? (hi - lo) * 0.06 : Math.abs(lo) * 0.1 || 0.1;
  return { domain: [lo - pad, hi + pad], ticks };
}

/** "S2: Hinton KD: 97.10 % at σ = 0.1, 97.40 % at σ = 0.2 (3 seeds each)". */
export function sweepSummary(lines: readonly SweepLine[], name: string): string {
  if (!lines.length) return 'No results yet.';
  return lines
    .map((l) => {
      const at = l.mean.map((p) => `${p.y.toFixed(2)} % at ${name} = ${p.x}`).join(', ');
      const n = [...new Set(l.n)];
      return `${l.label}: ${at} (${n.length === 1 ? `${n[0]} seed${n[0] === 1 ? '' : 's'} each` : `${Math.min(...n)} to ${Math.max(...n)} seeds`})`;
    })
    .join('; ');
}

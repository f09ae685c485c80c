// Points to SVG geometry with a chart's scales. A scale returns undefined (or a non-finite number) for a value
// it cannot place, e.g. ≤ 0 on a log axis. Bands (min–max across seeds) are closed paths between two edges.
import type { Point } from '../../lib/series';

export type Scale = (v: number) => number | undefined;

/** Pixel positions to a tenth of a pixel: shorter paths, and nothing visible lost. */
const r1 = (v: number) => Math.round(v * 10) / 10;

/** A dot's centre and the point it shows. */
export interface Dot {
  cx: number;
  cy: number;
  at: Point;
}

/** A polyline through the points, broken where a point has no position; with the dots' centres if asked. */
export function project(points: Point[], x: Scale, y: Scale, withDots: boolean): { d: string; dots: Dot[] } {
  let d = '';
  let pen = false;
  const dots: Dot[] = [];
  for (const p of points) {
    const px = x(p.x);
    const py = y(p.y);
    if (px == null || py == null || !Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${r1(px)},${r1(py)}`;
    pen = true;
    if (withDots) dots.push({ cx: r1(px), cy: r1(py), at: p });
  }
  return { d, dots };
}

/**
 * The y of the point nearest to `x` in points sorted by x, or null when `x` lies beyond the ends by more than
 * one typical gap (the curve does not reach there).
 */
export function nearestY(pts: Point[], x: number): number | null {
  if (!pts.length) return null;
  const first = pts[0];
  const last = pts[pts.length - 1];
  const slack = pts.length > 1 ? (last.x - first.x) / (pts.length - 1) : 0.01;
  if (x < first.x - slack || x > last.x + slack) return null;
  let lo = 0;
  let hi = pts.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (pts[mid].x <= x) lo = mid;
    else hi = mid;
  }
  return Math.abs(pts[lo].x - x) <= Math.abs(pts[hi].x - x) ? pts[lo].y : pts[hi].y;
}

/** A point of a band: the range [lo, hi] at x. */
export interface BandPoint {
  x: number;
  lo: number;
  hi: number;
}

/**
 * A closed area between the lo and hi edges of a band (e.g. min–max over seeds): along the top edge, back along
 * the bottom. Points without a position are left out; fewer than two placed points make no area ('').
 */
export function bandPath(points: BandPoint[], x: Scale, y: Scale): string {
  const placed: { px: number; lo: number; hi: number }[] = [];
  for (const p of points) {
    const px = x(p.x);
    const lo = y(p.lo);
    const hi = y(p.hi);
    if ([px, lo, hi].every((v) => v != null && Number.isFinite(v))) placed.push({ px: px!, lo: lo!, hi: hi! });
  }
  if (placed.length < 2) return '';
  const top = placed.map((p, i) => `${i ? 'L' : 'M'}${r1(p.px)},${r1(p.hi)}`).join('');
  const bottom = placed
    .slice()
    .reverse()
    .map((p) => `L${r1(p.px)},${r1(p.lo)}`)
    .join('');
  return `${top}${bottom}Z`;
}

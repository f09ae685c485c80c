// Bounded per-model series for the charts: once a series holds MAX points it keeps every other point and from
// then on accepts only every stride-th sample, so memory and render cost stay flat however long a run is.

export interface Point {
  x: number;
  y: number;
}

export interface Series {
  points: Point[];
  stride: number;
  seen: number;
  /** The newest sample when the stride skipped it, so the line always reaches the latest value. */
  tail: Point | null;
}

export const MAX_POINTS = 400;

export const emptySeries = (): Series => ({ points: [], stride: 1, seen: 0, tail: null });

export function appendPoints(s: Series, incoming: Point[]): Series {
  let { points, stride, seen } = s;
  let tail = s.tail;
  points = points.slice();
  for (const p of incoming) {
    if (seen % stride === 0) {
      points.push(p);
      tail = null;
    } else tail = p;
    seen++;
    if (points.length > MAX_POINTS) {
      points = points.filter((_, i) => i % 2 === 0);
      stride *= 2;
    }
  }
  return { points, stride, seen, tail };
}

/** What to draw: the kept points plus the newest one. */
export function visiblePoints(s: Series): Point[] {
  return s.tail ? [...s.points, s.tail] : s.points;
}

// Projecting points to SVG with a chart's scales, and the hover's nearest-point lookup.
import { describe, expect, it } from 'vitest';
import { nearestY, project, type Scale } from './geometry';

const x: Scale = (v) => 10 + v * 100;
const y: Scale = (v) => 200 - v * 50;
/** A log scale: no position for values ≤ 0. */
const logY: Scale = (v) => (v > 0 ? 200 - Math.log10(v) * 50 : undefined);

describe('project', () => {
  it('draws a polyline to a tenth of a pixel, with dot centres when asked', () => {
    const pts = [
      { x: 0, y: 1 },
      { x: 0.5, y: 1.2345 },
      { x: 1, y: 2 },
    ];
    const { d, dots } = project(pts, x, y, true);
    expect(d).toBe('M10,150L60,138.3L110,100');
    expect(dots.map((p) => [p.cx, p.cy])).toEqual([
      [10, 150],
      [60, 138.3],
      [110, 100],
    ]);
    expect(dots[1].at).toBe(pts[1]);
    expect(project(pts, x, y, false).dots).toEqual([]);
  });
  it('breaks the line where a value has no position', () => {
    const { d, dots } = project(
      [
        { x: 0, y: 1 },
        { x: 1, y: 0 },
        { x: 2, y: 10 },
        { x: 3, y: NaN },
      ],
      x,
      logY,
      true,
    );
    expect(d).toBe('M10,200M210,150');
    expect(dots.map((p) => p.at.x)).toEqual([0, 2]);
  });
  it('draws nothing without points', () => {
    expect(project([], x, y, true)).toEqual({ d: '', dots: [] });
  });
});

describe('nearestY', () => {
  const pts = [0.25, 0.5, 0.75, 1].map((v, i) => ({ x: v, y: i }));
  it('finds the nearest point by x', () => {
    expect(nearestY(pts, 0.26)).toBe(0);
    expect(nearestY(pts, 0.6)).toBe(1);
    expect(nearestY(pts, 0.65)).toBe(2);
    expect(nearestY(pts, 1)).toBe(3);
  });
  it('gives nothing beyond the curve by more than one step, or without points', () => {
    const later = pts.map((p) => ({ x: p.x + 1, y: p.y })); // x from 1.25 to 2, in steps of 0.25
    expect(nearestY(later, 0.9)).toBeNull();
    expect(nearestY(later, 1.05)).toBe(0);
    expect(nearestY(later, 2.2)).toBe(3);
    expect(nearestY(later, 2.3)).toBeNull();
    expect(nearestY([], 1)).toBeNull();
  });
});

// Axis ticks computed from the data, so the chart frame gets fixed props that change only when the data outgrows
// them (recharts then recomputes an axis only when it really changes; see ChartFrame).

const round = (v: number) => Number(v.toPrecision(12));

/** Epochs from `from` up to `max`, every epoch up to 10 epochs, else in about 10 steps. */
export function epochTicks(max: number, from = 0): number[] {
  const step = Math.max(1, Math.ceil(max / 10));
  const out: number[] = [];
  for (let e = from; e <= max; e += step) out.push(e);
  return out;
}

/** 0 up to a round number at or above `max`, in at most 5 round steps. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 0.5, 1];
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((v) => v >= raw) ?? 10 * p;
  const n = Math.max(1, Math.ceil(round(max / step)));
  return Array.from({ length: n + 1 }, (_, i) => round(i * step));
}

/** Whole decades around [min, max] (both > 0), at most about 9 of them. */
export function decadeTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > 0)) return [0.1, 1, 10];
  const a = Math.floor(Math.log10(min));
  const b = Math.max(a + 1, Math.ceil(Math.log10(max)));
  const every = Math.ceil((b - a) / 8);
  const out: number[] = [];
  for (let k = a; k <= b; k += every) out.push(round(10 ** k));
  if (out[out.length - 1] < round(10 ** b)) out.push(round(10 ** b));
  return out;
}

/**
 * A percentage axis from a multiple of 5 at or below `lowest` (0 when there is none) up to 100, in at most
 * `maxSteps` steps of one of `steps` (the largest one when none fits).
 */
export function percentTicks(lowest: number, steps: number[], maxSteps: number): number[] {
  const lo = Number.isFinite(lowest) ? Math.max(0, Math.floor(lowest / 5) * 5) : 0;
  const span = 100 - lo;
  if (span <= 0) return [95, 100];
  const step = steps.find((v) => Math.ceil(span / v) <= maxSteps) ?? steps[steps.length - 1];
  const n = Math.ceil(span / step);
  return Array.from({ length: n + 1 }, (_, i) => Math.max(0, 100 - (n - i) * step));
}

/** A loss tick label: 3 significant digits, exponent form from 10^4. */
export function lossTick(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) >= 1e4 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
}

/** The first and the last tick, as a domain. */
export const ticksDomain = (ticks: number[]): number[] => [ticks[0], ticks[ticks.length - 1]];

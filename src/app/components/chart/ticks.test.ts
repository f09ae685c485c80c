// Axis ticks of the charts: round steps that cover the data, fixed fallbacks when there is none.
import { describe, expect, it } from 'vitest';
import { decadeTicks, epochTicks, lossTick, niceTicks, percentTicks, ticksDomain } from './ticks';

describe('epochTicks', () => {
  it('shows every epoch up to 10, then about 10 steps', () => {
    expect(epochTicks(3)).toEqual([0, 1, 2, 3]);
    expect(epochTicks(10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(epochTicks(25)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24]);
  });
  it('starts where asked (the compare chart starts at epoch 1)', () => {
    expect(epochTicks(3, 1)).toEqual([1, 2, 3]);
    expect(epochTicks(25, 1)).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25]);
  });
});

describe('niceTicks', () => {
  it('goes from 0 to a round number at or above the maximum in at most 5 round steps', () => {
    expect(niceTicks(4.87)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(niceTicks(2.3)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(niceTicks(0.031)).toEqual([0, 0.01, 0.02, 0.03, 0.04]);
    expect(niceTicks(120)).toEqual([0, 25, 50, 75, 100, 125]);
  });
  it('has a fixed axis without a positive maximum', () => {
    expect(niceTicks(-Infinity)).toEqual([0, 0.5, 1]);
    expect(niceTicks(0)).toEqual([0, 0.5, 1]);
  });
});

describe('decadeTicks', () => {
  it('spans whole decades around the values', () => {
    expect(decadeTicks(0.03, 2.4)).toEqual([0.01, 0.1, 1, 10]);
    expect(decadeTicks(0.5, 0.9)).toEqual([0.1, 1]);
  });
  it('thins out many decades but keeps the top one', () => {
    const t = decadeTicks(1e-9, 1e9);
    expect(t.length).toBeLessThanOrEqual(10);
    expect(t[0]).toBe(1e-9);
    expect(t[t.length - 1]).toBe(1e9);
  });
  it('has a fixed axis without positive values', () => {
    expect(decadeTicks(Infinity, -Infinity)).toEqual([0.1, 1, 10]);
  });
});

describe('percentTicks', () => {
  const live = (min: number) => percentTicks(min, [5, 10, 15, 20, 25], 4);
  const compare = (min: number) => percentTicks(min, [5, 10, 20, 25], 5);
  it('starts at a multiple of 5 at or below the lowest value and ends at 100', () => {
    expect(live(87.3)).toEqual([85, 90, 95, 100]);
    expect(live(12)).toEqual([0, 25, 50, 75, 100]);
    expect(live(41)).toEqual([40, 55, 70, 85, 100]);
    expect(compare(12)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(compare(62)).toEqual([60, 70, 80, 90, 100]);
  });
  it('covers the whole range without data, and a sliver at 100 %', () => {
    expect(live(Infinity)).toEqual([0, 25, 50, 75, 100]);
    expect(compare(100)).toEqual([95, 100]);
  });
  it('never goes below 0', () => {
    expect(Math.min(...compare(3))).toBe(0);
  });
});

describe('lossTick and ticksDomain', () => {
  it('labels with 3 significant digits, large values in exponent form', () => {
    expect(lossTick(0)).toBe('0');
    expect(lossTick(0.123456)).toBe('0.123');
    expect(lossTick(2.5)).toBe('2.5');
    expect(lossTick(25000)).toBe('2.5e+4');
  });
  it('takes the first and last tick as the domain', () => {
    expect(ticksDomain([0.1, 1, 10])).toEqual([0.1, 10]);
  });
});

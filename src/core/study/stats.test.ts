// Expected numbers come from an independent computation (Python 3 with numpy / scipy.stats: mean, std(ddof=1),
// t.ppf(0.975, n−1)), and the quantiles from a printed t table.
import { describe as group, expect, it } from 'vitest';
import { describe, mean, sampleSd, tCdf, tInterval95, tQuantile } from './stats';

const T_TABLE = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262]; // t(0.975, df = 1…9)

const CASES = [
  { xs: [0.003, 0.0054], mean: 0.0042, sd: 0.00169705627485, lo: -0.0110474456834, hi: 0.0194474456834 },
  { xs: [0.0008, -0.0041, -0.0006], mean: -0.0013, sd: 0.00252388589282, lo: -0.00756968012652, hi: 0.00496968012652 },
  {
    xs: [-0.0049, 0.0035, 0.0137, -0.0009],
    mean: 0.00285,
    sd: 0.00800562302385,
    lo: -0.00988873270687,
    hi: 0.0155887327069,
  },
  {
    xs: [-0.002, 0.0069, 0.0059, 0.0038, -0.0044],
    mean: 0.00204,
    sd: 0.00498527832724,
    lo: -0.00415004061995,
    hi: 0.00823004061995,
  },
  {
    xs: [0.0028, 0.0086, -0.0078, -0.0007, -0.0122, -0.0073],
    mean: -0.00276666666667,
    sd: 0.00773735527598,
    lo: -0.0108865230518,
    hi: 0.00535318971848,
  },
  {
    xs: [-0.0117, 0.0011, -0.0071, 0.0052, 0.0043, 0.0015, -0.0171],
    mean: -0.0034,
    sd: 0.00863886566628,
    lo: -0.0113896181817,
    hi: 0.00458961818175,
  },
  {
    xs: [-0.0013, 0.0026, 0.0039, -0.0092, -0.0008, -0.0048, -0.0035, 0.0115],
    mean: -0.0002,
    sd: 0.00628103722099,
    lo: -0.00545107852628,
    hi: 0.00505107852628,
  },
  {
    xs: [-0.0035, 0.0027, 0.0101, -0.0017, 0.0021, 0.0039, 0.0035, -0.0068, 0.0036],
    mean: 0.00154444444444,
    sd: 0.00492496474889,
    lo: -0.00224121858111,
    hi: 0.00533010747,
  },
  {
    xs: [0.0139, -0.0094, 0.0099, 0.004, -0.0021, 0.019, 0.0091, -0.0066, 0.0036, 0.0076],
    mean: 0.0049,
    sd: 0.00893171627155,
    lo: -0.00148936491703,
    hi: 0.011289364917,
  },
];

group('t quantile', () => {
  it('matches the printed table t(0.975, df) for df 1…9 to its 3 decimals', () => {
    T_TABLE.forEach((t, i) => expect(tQuantile(0.975, i + 1)).toBeCloseTo(t, 3));
  });
  it('matches scipy beyond the table and is symmetric', () => {
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228139, 6);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042272, 6);
    expect(tQuantile(0.95, 4)).toBeCloseTo(2.131847, 6);
    expect(tQuantile(0.025, 5)).toBeCloseTo(-2.570582, 6);
    expect(tCdf(2.776445, 4)).toBeCloseTo(0.975, 7);
    expect(tQuantile(0.975, 0)).toBeNaN();
  });
});

group('mean, sample sd and 95 % t-interval', () => {
  it.each(CASES.map((c) => [c.xs.length, c] as const))('n = %i', (n, c) => {
    expect(mean(c.xs)).toBeCloseTo(c.mean, 12);
    expect(sampleSd(c.xs)).toBeCloseTo(c.sd, 12);
    const ci = tInterval95(c.xs);
    expect(ci.n).toBe(n);
    expect(ci.t).toBeCloseTo(T_TABLE[n - 2], 3);
    expect(ci.lo).toBeCloseTo(c.lo, 10);
    expect(ci.hi).toBeCloseTo(c.hi, 10);
    const d = describe(c.xs);
    expect(d).toMatchObject({ n, min: Math.min(...c.xs), max: Math.max(...c.xs) });
  });
  it('a single value has sd 0 and no interval; no values, NaN', () => {
    expect(describe([0.97])).toEqual({ n: 1, mean: 0.97, sd: 0, min: 0.97, max: 0.97 });
    const one = tInterval95([0.5]);
    expect(one.lo).toBeNaN();
    expect(one.hi).toBeNaN();
    expect(mean([])).toBeNaN();
  });
  it('sd is the n − 1 one: [1, 2, 3, 4] has sd √(5/3)', () => {
    expect(sampleSd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 14);
  });
});

import { describe, expect, it } from 'vitest';
import { learningRateAt } from './schedule';

describe('learningRateAt', () => {
  it('constant', () => {
    for (const t of [0, 0.3, 0.99]) expect(learningRateAt('constant', 0.1, t)).toBe(0.1);
  });

  it('cosine: base at 0, half at 0.5, → 0 at 1, monotone, clamped outside [0,1]', () => {
    expect(learningRateAt('cosine', 0.1, 0)).toBeCloseTo(0.1, 12);
    expect(learningRateAt('cosine', 0.1, 0.5)).toBeCloseTo(0.05, 12);
    expect(learningRateAt('cosine', 0.1, 0.25)).toBeCloseTo(0.05 * (1 + Math.SQRT1_2), 12);
    expect(learningRateAt('cosine', 0.1, 1)).toBeCloseTo(0, 12);
    expect(learningRateAt('cosine', 0.1, 1.5)).toBeCloseTo(0, 12);
    expect(learningRateAt('cosine', 0.1, -1)).toBeCloseTo(0.1, 12);
    let prev = Infinity;
    for (let i = 0; i < 100; i++) {
      const lr = learningRateAt('cosine', 0.1, i / 100);
      expect(lr).toBeLessThanOrEqual(prev);
      expect(lr).toBeGreaterThan(0);
      prev = lr;
    }
  });

  it('step: ÷10 at 50 % and again at 75 %', () => {
    expect(learningRateAt('step', 0.1, 0)).toBe(0.1);
    expect(learningRateAt('step', 0.1, 0.49)).toBe(0.1);
    expect(learningRateAt('step', 0.1, 0.5)).toBeCloseTo(0.01, 12);
    expect(learningRateAt('step', 0.1, 0.74)).toBeCloseTo(0.01, 12);
    expect(learningRateAt('step', 0.1, 0.75)).toBeCloseTo(0.001, 12);
    expect(learningRateAt('step', 0.1, 0.99)).toBeCloseTo(0.001, 12);
  });
});

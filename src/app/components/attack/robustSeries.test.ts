// The robustness chart's and table's data from a sweep: % per model per ε, ε = 0 from the clean accuracy.
import { describe, expect, it } from 'vitest';
import { defaultPgd } from '../../../core/attacks/types';
import type { SweepResult } from '../../../worker/attackProtocol';
import { epsUnits } from './epsUnits';
import { robustLines, robustRows, sweepName, sweepTitle } from './robustSeries';

const point = (eps: number, robust: number) => ({ eps, adv: 1 - robust, robust, advLoss: 1 });
const attack = defaultPgd({ channels: 1 });
const result: SweepResult = {
  attack,
  source: null,
  models: [
    { id: 'teacher', label: 'Teacher', kind: 'teacher' },
    { id: 'student-1', label: 'S1', kind: 'student' },
  ],
  sweep: {
    spec: attack,
    epsList: [0, 0.1, 0.2],
    count: 32,
    seed: 1,
    clean: { teacher: 0.9 },
    models: {
      teacher: [point(0, 0.5), point(0.1, 0.25), point(0.2, 0)],
      'student-1': [point(0, 0.8), point(0.1, NaN), point(0.2, 0.125)],
    },
  },
  seconds: 1,
  imgPerSec: 10,
};

describe('robustRows', () => {
  it('gives % per model at each ε, the clean accuracy at ε = 0, nothing where a value is missing', () => {
    expect(robustRows(result)).toEqual([
      { eps: 0, teacher: 90, 'student-1': 80 },
      { eps: 0.1, teacher: 25 },
      { eps: 0.2, teacher: 0, 'student-1': 12.5 },
    ]);
  });
});

describe('robustLines', () => {
  it('draws one line per model through the ε it has values at, each dot titled', () => {
    const models = [
      { id: 'teacher', label: 'Teacher', kind: 'teacher' as const, color: '#111' },
      { id: 'student-1', label: 'S1', kind: 'student' as const, color: '#222' },
    ];
    const style = { width: 3 };
    const lines = robustLines(robustRows(result), models, epsUnits(1), style);
    expect(lines.map((l) => [l.model, l.color, l.points.map((p) => p.x)])).toEqual([
      ['teacher', '#111', [0, 0.1, 0.2]],
      ['student-1', '#222', [0, 0.2]],
    ]);
    expect(lines[1].title?.(lines[1].points[1])).toBe(`S1 · ε = ${epsUnits(1).both(0.2)} · 12.5%`);
  });
});

describe('sweepTitle', () => {
  const grey = epsUnits(1);
  it('names white-box and transferred sweeps, and the ε range rather than one ε', () => {
    expect(sweepTitle(result, null, grey)).toMatch(/white-box$/);
    // The sweep varies ε: the title names the attack without one ε of it, and the range it covers.
    expect(sweepTitle(result, null, grey)).not.toMatch(/ε=/);
    expect(sweepTitle(result, null, grey)).toContain('PGD-20 (rand) sweep, ε = 0.1–0.2 ·');
    expect(sweepTitle({ ...result, source: 'teacher' }, 'Teacher', grey)).toMatch(/transferred from Teacher$/);
  });

  it('gives the range in the display units, one ε as itself, and a clean-only list as such', () => {
    const colour = epsUnits(3);
    expect(sweepName(attack, [0, 2 / 255, 4 / 255, 8 / 255, 16 / 255], colour)).toBe(
      'PGD-20 (rand) sweep, ε = 2–16/255',
    );
    expect(sweepName(attack, [0, 0.3], grey)).toBe('PGD-20 (rand) sweep, ε = 0.3');
    expect(sweepName({ kind: 'fgsm', eps: 0.1 }, [0, 0.05, 0.3], grey)).toBe('FGSM sweep, ε = 0.05–0.3');
    expect(sweepName(attack, [0], grey)).toBe('PGD-20 (rand) sweep, clean only');
  });
});

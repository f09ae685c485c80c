// The lab's CSV: one row per model × ε with the documented header, and labels with commas or quotes survive.
import { describe, expect, it } from 'vitest';
import type { SweepResult } from '../../worker/attackProtocol';
import { SWEEP_CSV_HEADER, sweepCsv } from './exportFiles';

const sweep: SweepResult = {
  attack: { kind: 'pgd', eps: 0.1, stepSize: 0.025, steps: 20, randomStart: true },
  source: null,
  models: [
    { id: 'teacher', label: 'Teacher', kind: 'teacher' },
    { id: 'student-1', label: 'S1: "noisy", σ=0.2', kind: 'student' },
  ],
  sweep: {
    spec: { kind: 'pgd', eps: 0.1, stepSize: 0.025, steps: 20, randomStart: true },
    epsList: [0, 0.1],
    count: 50,
    seed: 3,
    clean: { teacher: 0.9, 'student-1': 0.8 },
    models: {
      teacher: [
        { eps: 0, adv: 0.9, robust: 0.9, advLoss: 0.3 },
        { eps: 0.1, adv: 0.5, robust: 0.45, advLoss: 1.2 },
      ],
      'student-1': [
        { eps: 0, adv: 0.8, robust: 0.8, advLoss: 0.4 },
        { eps: 0.1, adv: 0.6, robust: 0.55, advLoss: 0.9 },
      ],
    },
  },
  seconds: 1,
  imgPerSec: 100,
};

/** A minimal RFC 4180 reader for the check. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') ((cell += '"'), i++);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(cell), (cell = ''));
    else if (c === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''));
    else cell += c;
  }
  return rows;
}

describe('sweepCsv', () => {
  it('has one row per model × ε under the documented header, and round-trips labels with quotes and commas', () => {
    const rows = parse(sweepCsv(sweep));
    expect(rows[0]).toEqual([...SWEEP_CSV_HEADER]);
    expect(rows).toHaveLength(1 + 2 * 2);
    const col = (name: string) => rows[0].indexOf(name);
    expect(rows[3][col('model')]).toBe('S1: "noisy", σ=0.2');
    expect(rows[4][col('robust_acc')]).toBe('0.55');
    expect(rows[4][col('eps_255')]).toBe('25.5');
    expect(rows[2][col('source')]).toBe('white-box');
    expect(rows.slice(1).every((r) => r.length === rows[0].length)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { TunedOp } from '../../core/nn/tune/autotuner';
import { tunedLines } from './tuned';

const op = (o: Partial<TunedOp>): TunedOp => ({
  op: 'convInputGrad',
  shape: 'dy1',
  choice: 'stock',
  ms: { stock: 2 },
  baseline: 'stock',
  gain: 1,
  measuredAt: 0,
  cached: false,
  ...o,
});

describe('tunedLines', () => {
  it('one line per op: choices with counts, the best gain, every shape in the detail', () => {
    const lines = tunedLines([
      op({ shape: 'a', choice: 'rotated-conv', ms: { stock: 6, 'rotated-conv': 1 }, gain: 6 }),
      op({ shape: 'b', choice: 'rotated-conv', ms: { stock: 3, 'rotated-conv': 1.5 }, gain: 2 }),
      op({ shape: 'c' }),
      op({ op: 'bnTrain', shape: 'x', choice: 'analytic', ms: { stock: 3, analytic: 1 }, gain: 3, cached: true }),
      op({ op: 'denseGrad', shape: 'd' }),
    ]);
    expect(lines.map((l) => [l.op, l.choices, l.gain])).toEqual([
      ['conv input gradient', 'rotated-conv ×2, stock ×1', 'up to 6.0× faster than stock'],
      ['batch norm (training)', 'analytic ×1', 'up to 3.0× faster than stock'],
      ['dense gradient', 'stock ×1', ''],
    ]);
    expect(lines[0].detail.split('\n')).toEqual([
      'a: rotated-conv (stock 6.00 ms, rotated-conv 1.00 ms)',
      'b: rotated-conv (stock 3.00 ms, rotated-conv 1.50 ms)',
      'c: stock (stock 2.00 ms)',
    ]);
    expect(lines[1].detail).toContain('remembered');
  });
});

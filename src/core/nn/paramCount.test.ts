import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../config/schema';
import { Rng } from '../rng';
import { buildModel } from './build';
import { paramCount } from './paramCount';

const shapes = [
  { height: 28, width: 28, channels: 1, numClasses: 10 },
  { height: 32, width: 32, channels: 3, numClasses: 10 },
  { height: 9, width: 9, channels: 1, numClasses: 4 },
];
const specs: ModelSpec[] = [
  { family: 'cnn', channels: [16, 32], hidden: 64, dropout: 0 },
  { family: 'cnn', channels: [32, 64], hidden: 256, dropout: 0.4 },
  { family: 'wrn', depth: 10, widen: 1, dropout: 0 },
  { family: 'wrn', depth: 16, widen: 2, dropout: 0.3 },
];

describe('paramCount (tfjs-free, for the UI)', () => {
  for (const spec of specs)
    for (const s of shapes)
      it(`matches the built model: ${JSON.stringify(spec)} on ${s.height}×${s.width}×${s.channels}`, () => {
        const m = buildModel(
          spec,
          { ...s, mean: Array(s.channels).fill(0.5), std: Array(s.channels).fill(0.25) },
          new Rng(3),
        );
        expect(paramCount(spec, s)).toBe(m.paramCount());
        m.dispose();
      });

  it('WRN-16-2 on CIFAR-shaped input has the well-known ~0.69 M parameters', () => {
    expect(paramCount({ family: 'wrn', depth: 16, widen: 2, dropout: 0 }, shapes[1])).toBe(691_674);
  });
});

// Trainable-parameter counts computed from a spec alone (no tfjs), so the UI can show them before training.
// Must match the builders in cnn.ts / wrn.ts (a unit test checks both against real models).
import type { ModelSpec } from '../config/schema';

export interface Shape {
  height: number;
  width: number;
  channels: number;
  numClasses: number;
}

export function paramCount(spec: ModelSpec, s: Shape): number {
  if (spec.family === 'cnn') {
    const [c1, c2] = spec.channels;
    const flat = Math.ceil(Math.ceil(s.height / 2) / 2) * Math.ceil(Math.ceil(s.width / 2) / 2) * c2;
    return (
      9 * s.channels * c1 +
      c1 +
      9 * c1 * c2 +
      c2 +
      flat * spec.hidden +
      spec.hidden +
      spec.hidden * s.numClasses +
      s.numClasses
    );
  }
  const n = (spec.depth - 4) / 6;
  const widths = [16, 16 * spec.widen, 32 * spec.widen, 64 * spec.widen];
  let total = 9 * s.channels * widths[0];
  let cin = widths[0];
  for (let g = 0; g < 3; g++) {
    for (let i = 0; i < n; i++) {
      const cout = widths[g + 1];
      const stride = i === 0 && g > 0 ? 2 : 1;
      total += 2 * cin + 9 * cin * cout + 2 * cout + 9 * cout * cout;
      if (cin !== cout || stride !== 1) total += cin * cout;
      cin = cout;
    }
  }
  return total + 2 * cin + cin * s.numClasses + s.numClasses;
}

/** "CNN 8-16-64, dropout 0.4" / "WRN-16-2". */
export function describeModel(spec: ModelSpec): string {
  const drop = spec.dropout ? `, dropout ${spec.dropout}` : '';
  return spec.family === 'cnn'
    ? `CNN ${spec.channels.join('-')}-${spec.hidden}${drop}`
    : `WRN-${spec.depth}-${spec.widen}${drop}`;
}

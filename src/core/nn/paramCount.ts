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
  let total = 9 * s.channels * WRN_STEM;
  const blocks = wrnBlocks(spec, s);
  for (const b of blocks) {
    total += 2 * b.cin + 9 * b.cin * b.cout + 2 * b.cout + 9 * b.cout * b.cout;
    if (b.projected) total += b.cin * b.cout;
  }
  const cin = blocks.at(-1)?.cout ?? WRN_STEM;
  return total + 2 * cin + cin * s.numClasses + s.numClasses;
}

/** Channels of a WRN's first conv. */
export const WRN_STEM = 16;

/** One residual block of a WRN-d-k: input h×w×cin, output ho×wo×cout, a 1×1 projection when shapes change. */
export interface WrnBlock {
  cin: number;
  cout: number;
  h: number;
  w: number;
  ho: number;
  wo: number;
  stride: 1 | 2;
  projected: boolean;
}

/** The blocks of a WRN-d-k in order (as wrn.ts builds them): the one walk that counts, costs and sizes use. */
export function wrnBlocks(spec: Extract<ModelSpec, { family: 'wrn' }>, s: Shape): WrnBlock[] {
  const n = (spec.depth - 4) / 6;
  const widths = [WRN_STEM * spec.widen, 32 * spec.widen, 64 * spec.widen];
  const out: WrnBlock[] = [];
  let [h, w, cin] = [s.height, s.width, WRN_STEM];
  for (let g = 0; g < 3; g++) {
    for (let i = 0; i < n; i++) {
      const cout = widths[g];
      const stride = i === 0 && g > 0 ? 2 : 1;
      const ho = Math.ceil(h / stride);
      const wo = Math.ceil(w / stride);
      out.push({ cin, cout, h, w, ho, wo, stride, projected: cin !== cout || stride !== 1 });
      [h, w, cin] = [ho, wo, cout];
    }
  }
  return out;
}

/** "CNN 8-16-64, dropout 0.4" / "WRN-16-2". */
export function describeModel(spec: ModelSpec): string {
  const drop = spec.dropout ? `, dropout ${spec.dropout}` : '';
  return spec.family === 'cnn'
    ? `CNN ${spec.channels.join('-')}-${spec.hidden}${drop}`
    : `WRN-${spec.depth}-${spec.widen}${drop}`;
}

// The backend badge's list of what the autotuner chose on this device: one line per op, the chosen formulations
// with how many of the model's shapes use each, and the best measured gain against the baseline (stock, or on
// WASM's conv filter gradient, which has no stock kernel, the prior rule).
import type { TunedOp } from '../../core/nn/tune/autotuner';

const OP_LABELS: Record<string, string> = {
  convFilterGrad: 'conv filter gradient',
  convInputGrad: 'conv input gradient',
  denseGrad: 'dense gradient',
  bnTrain: 'batch norm (training)',
};

export interface TunedLine {
  op: string;
  /** e.g. "rotated-conv ×4, stock ×6" */
  choices: string;
  /** e.g. "up to 6.2× faster than stock"; empty when the baseline won everywhere. */
  gain: string;
  /** Every shape with its choice and timings, for a tooltip. */
  detail: string;
}

export function tunedLines(ops: readonly TunedOp[]): TunedLine[] {
  const byOp = new Map<string, TunedOp[]>();
  for (const o of ops) byOp.set(o.op, [...(byOp.get(o.op) ?? []), o]);
  return [...byOp.entries()].map(([op, list]) => {
    const counts = new Map<string, number>();
    for (const o of list) counts.set(o.choice, (counts.get(o.choice) ?? 0) + 1);
    const best = list.reduce((a, b) => (b.gain > a.gain ? b : a));
    return {
      op: OP_LABELS[op] ?? op,
      choices: [...counts.entries()].map(([c, n]) => `${c} ×${n}`).join(', '),
      gain: best.gain > 1 ? `up to ${best.gain.toFixed(1)}× faster than ${best.baseline}` : '',
      detail: list
        .map(
          (o) =>
            `${o.shape}: ${o.choice} (${Object.entries(o.ms)
              .map(([c, ms]) => `${c} ${ms.toFixed(2)} ms`)
              .join(', ')})${o.cached ? ', remembered' : ''}`,
        )
        .join('\n'),
    };
  });
}

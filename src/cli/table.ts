import type { ModelResult } from '../core/train/events';

/** A plain-text table: model, method, clean test accuracy, robust accuracy under the given attack, seconds. */
export function formatTable(results: ModelResult[], robust?: { label: string; acc: Record<string, number> }): string {
  const rows = [
    [
      'model',
      'method',
      'architecture',
      'params',
      'test acc',
      'test loss',
      ...(robust ? [robust.label] : []),
      'seconds',
      'img/s',
    ],
    ...results.map((r) => [
      r.label,
      r.method,
      r.architecture,
      r.params.toLocaleString('en-US'),
      `${(100 * r.testAcc).toFixed(2)} %`,
      r.testLoss.toFixed(4),
      ...(robust ? [`${(100 * (robust.acc[r.id] ?? NaN)).toFixed(2)} %`] : []),
      r.seconds.toFixed(1),
      r.imgPerSec.toFixed(0),
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c >= 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

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

const meanSd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)) : 0;
  return `${(100 * m).toFixed(2)} ± ${(100 * sd).toFixed(2)} %`;
};

/** Mean ± sample sd across seeds of clean and robust accuracy per model (matched by phase id). */
export function formatSeedSummary(
  runs: { results: ModelResult[]; robust: Record<string, number> }[],
  robustLabel: string,
): string {
  const rows = [
    ['model', 'test acc', robustLabel],
    ...runs[0].results.map((r) => [
      r.label,
      meanSd(runs.map((x) => x.results.find((y) => y.id === r.id)?.testAcc ?? NaN)),
      meanSd(runs.map((x) => x.robust[r.id] ?? NaN)),
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

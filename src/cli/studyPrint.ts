// The study summary as plain-text tables: per model mean ± sd and per-seed values, Δ vs reference, claim
// verdicts, and with a sweep one row per (model, value). The wording comes from core/study/text.ts.
import {
  claimLines,
  comparisonText,
  meanSdText,
  pct,
  SWEEP_LABELS,
  sweepValueText,
  type Describe,
  type StudySummary,
} from '../core/study';

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const range = (d: Describe | null) => (d && d.n ? `${pct(d.min)}–${pct(d.max)}` : '—');
const perSeed = (xs: (number | null)[]) => xs.map((x) => (x === null ? '—' : pct(x))).join(' ');

/** `attack` describes the robust column, e.g. "PGD-20 ε=0.1 (rand) on 500 test images". */
export function formatStudySummary(s: StudySummary, attack: string): string {
  const n = s.seeds.length;
  const out: string[] = [
    `===== Study summary: ${n} seed${n === 1 ? '' : 's'} (${s.seeds.join(', ')})` +
      `${s.sweep ? ` × ${SWEEP_LABELS[s.sweep.param]} ∈ {${s.sweep.values.join(', ')}}` : ''} · PGD: ${attack} =====`,
  ];
  for (const g of s.groups) {
    const v = sweepValueText(s.sweep, g.value);
    if (v) out.push('', `--- ${v} ---`);
    out.push(
      '',
      `Per model, mean ± sd over seeds (sample sd), then each seed (${g.seeds.join(', ')}):`,
      table([
        ['model', 'clean acc', 'PGD acc', 'clean per seed', 'PGD per seed'],
        ...g.models.map((m) => [
          m.label,
          meanSdText(m.clean),
          meanSdText(m.robust),
          perSeed(m.perSeed.map((p) => p.clean)),
          perSeed(m.perSeed.map((p) => p.robust)),
        ]),
      ]),
      '',
      'Δ vs reference, paired by seed (model − reference, same seed, teacher and data order), 95 % t-interval:',
      table([
        ['model', 'vs', 'clean Δ', 'PGD Δ'],
        ...g.comparisons.map((c) =>
          c.refId
            ? [c.modelLabel, c.refLabel!, comparisonText(c, 'clean'), comparisonText(c, 'robust')]
            : [c.modelLabel, c.refName, `no Δ: ${c.reason}`, ''],
        ),
        ...g.noReference.map((x) => [g.models.find((m) => m.id === x.modelId)?.label ?? x.modelId, '—', x.reason, '']),
      ]),
      '',
      `Claims${g.seeds.length < 3 ? ` (${g.seeds.length} seed${g.seeds.length === 1 ? '' : 's'}: a verdict needs at least 3)` : ''}:`,
      ...claimLines(g.claims),
    );
  }
  if (s.sweep && s.sweepRows) {
    const p = SWEEP_LABELS[s.sweep.param];
    out.push(
      '',
      `Sweep over ${p}: per (model, value), mean ± sd and min–max over seeds:`,
      table([
        ['model', p, 'clean acc', 'clean min–max', 'PGD acc', 'PGD min–max'],
        ...s.sweepRows.map((r) => [
          r.label,
          String(r.value),
          meanSdText(r.clean),
          range(r.clean),
          meanSdText(r.robust),
          range(r.robust),
        ]),
      ]),
    );
  }
  out.push(
    '',
    'A verdict needs 3 seeds or more; intervals are not corrected for multiple comparisons (docs/study.md).',
  );
  return out.join('\n');
}

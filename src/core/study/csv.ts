// CSV exports of a study: one row per model × seed, and a summary (per-model statistics, paired Δ, claim
// verdicts) in one long table with a fixed header. Accuracies and differences in percent (points).
import type { StudySummary } from './aggregate';
import { VERDICT_TEXT } from './text';

export type Row = (string | number | null)[];

const num = (x: number | null | undefined, digits = 4) =>
  x === null || x === undefined || !Number.isFinite(x) ? '' : Number((100 * x).toFixed(digits));

export const PER_SEED_HEADER = [
  'sweep',
  'value',
  'seed',
  'model_id',
  'model',
  'method',
  'kind',
  'clean_acc',
  'pgd_acc',
];

export function perSeedRows(s: StudySummary): Row[] {
  return [
    PER_SEED_HEADER,
    ...s.groups.flatMap((g) =>
      g.models.flatMap((m) =>
        m.perSeed.map((p) => [
          s.sweep?.param ?? '',
          g.value,
          p.seed,
          m.id,
          m.label,
          m.method,
          m.kind,
          num(p.clean),
          num(p.robust),
        ]),
      ),
    ),
  ];
}

export const SUMMARY_HEADER = [
  'section',
  'sweep',
  'value',
  'model',
  'method',
  'reference',
  'metric',
  'n',
  'mean',
  'sd',
  'min',
  'max',
  'ci95_lo',
  'ci95_hi',
  'seeds_favour',
  'verdict',
  'note',
];

export function summaryRows(s: StudySummary): Row[] {
  const sweep = s.sweep?.param ?? '';
  const rows: Row[] = [SUMMARY_HEADER];
  for (const g of s.groups) {
    for (const m of g.models) {
      for (const [metric, d] of [
        ['clean', m.clean],
        ['pgd', m.robust],
      ] as const) {
        if (!d) continue;
        rows.push([
          'model',
          sweep,
          g.value,
          m.label,
          m.method,
          '',
          metric,
          d.n,
          num(d.mean),
          num(d.sd),
          num(d.min),
          num(d.max),
          '',
          '',
          '',
          '',
          `seeds ${m.perSeed.map((p) => p.seed).join(' ')}`,
        ]);
      }
    }
    for (const c of g.comparisons) {
      for (const [metric, d] of [
        ['clean', c.clean],
        ['pgd', c.robust],
      ] as const) {
        rows.push([
          'delta',
          sweep,
          g.value,
          c.modelLabel,
          c.method,
          c.refLabel ?? c.refName,
          metric,
          d?.n ?? 0,
          num(d?.mean),
          num(d?.sd),
          '',
          '',
          num(d?.lo),
          num(d?.hi),
          d ? d.favour : '',
          '',
          c.reason ?? (d ? '' : 'no paired results'),
        ]);
      }
    }
    for (const r of g.claims) {
      const metric = r.claim.metric === 'robust' ? 'pgd' : 'clean';
      if (!r.pairs.length)
        rows.push([
          `claim ${r.claim.number}`,
          sweep,
          g.value,
          '',
          r.claim.model,
          r.claim.reference,
          metric,
          0,
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          'not evaluated',
          `${r.claim.statement} Needs ${r.claim.needs}.`,
        ]);
      for (const p of r.pairs) {
        const d = p.diff;
        rows.push([
          `claim ${r.claim.number}`,
          sweep,
          g.value,
          p.modelLabel,
          r.claim.model,
          p.refLabel,
          metric,
          d.n,
          num(d.mean),
          num(d.sd),
          '',
          '',
          num(d.lo),
          num(d.hi),
          d.favour,
          VERDICT_TEXT[p.verdict],
          r.claim.statement,
        ]);
      }
    }
  }
  return rows;
}

/** RFC 4180: quote fields with a comma, quote or line break; doubled quotes inside. */
export function toCsv(rows: readonly Row[]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

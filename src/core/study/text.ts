// Plain-text pieces of a study summary, shared by the CLI and the app so both say the same thing.
import type { Comparison, PairedDiff } from './aggregate';
import type { ClaimPair, ClaimResult, Verdict } from './claims';
import { SWEEP_LABELS, type Sweep } from './spec';
import type { Describe } from './stats';

export const VERDICT_TEXT: Record<Verdict, string> = {
  holds: 'holds here',
  'not-seen': 'not seen here',
  opposite: 'opposite here',
  'too-few': 'too few seeds',
};

const MINUS = '−';
/** An accuracy in [0,1] as percent, two decimals. */
export const pct = (x: number) => (100 * x).toFixed(2);
/** A difference in [−1,1] as signed percentage points. */
export const pts = (x: number) => {
  const s = (100 * x).toFixed(2);
  return s.startsWith('-') ? (/^-0\.00$/.test(s) ? '+0.00' : MINUS + s.slice(1)) : `+${s}`;
};

/** "97.12 ± 0.31 %" (sample sd over seeds). */
export function meanSdText(d: Describe | null): string {
  if (!d || !d.n) return '—';
  return `${pct(d.mean)} ± ${pct(d.sd)} %`;
}

/** "+0.31 pts (95 % CI −0.12 to +0.74), 2 of 3 seeds favour". */
export function diffText(d: PairedDiff): string {
  const ci = d.n >= 2 ? `95 % CI ${pts(d.lo)} to ${pts(d.hi)}` : 'one seed, no interval';
  return `${pts(d.mean)} pts (${ci}), ${d.favour} of ${d.n} seed${d.n === 1 ? '' : 's'} favour`;
}

/** The Δ cell of a comparison for one metric, or why there is none. */
export function comparisonText(c: Comparison, metric: 'clean' | 'robust'): string {
  if (!c.refId) return `no Δ: ${c.reason}`;
  const d = c[metric];
  return d ? diffText(d) : metric === 'robust' ? 'no PGD results' : 'no paired seeds';
}

function pairLine(r: ClaimResult, p: ClaimPair, many: boolean): string {
  const metric = r.claim.metric === 'clean' ? 'clean' : 'PGD';
  const who = many ? `${p.modelLabel} vs ${p.refLabel}: ` : '';
  const context = p.context ? `; clean Δ ${diffText(p.context)}` : '';
  return `Claim ${r.claim.number}: ${r.claim.statement} Measured: ${who}${metric} Δ ${diffText(p.diff)}${context}. Verdict: ${VERDICT_TEXT[p.verdict]}.`;
}

/** One line per claim (one per pair of models where the study has several); never hides a failing claim. */
export function claimLines(results: readonly ClaimResult[]): string[] {
  return results.flatMap((r) =>
    r.pairs.length
      ? r.pairs.map((p) => pairLine(r, p, r.pairs.length > 1))
      : [`Claim ${r.claim.number}: ${r.claim.statement} Not evaluated: the study needs ${r.claim.needs}.`],
  );
}

/** "σ = 0.1" for a sweep group, "" without a sweep. */
export function sweepValueText(sweep: Sweep | null, value: number | null): string {
  return sweep && value !== null ? `${SWEEP_LABELS[sweep.param]} = ${value}` : '';
}

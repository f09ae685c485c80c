// The claims panel's cards: each of the paper's claims with what this study measured for every pair of models it
// applies to (per sweep value) and the verdict in plain words. A claim the study cannot test says what it needs;
// none is ever left out.
import {
  CLAIMS,
  sweepValueText,
  type Claim,
  type PairedDiff,
  type StudySummary,
  type Verdict,
} from '../../../core/study';
import { favourText, intervalText, pts, type CardVerdict } from './format';

export interface ClaimLine {
  value: number | null;
  /** "σ = 0.1", or "" without a sweep. */
  valueText: string;
  modelLabel: string;
  refLabel: string;
  /** "PGD Δ +5.20 pts (+1.10 … +9.30), better on 3 of 3 seeds". */
  measured: string;
  /** Claim 2's clean-accuracy cost, shown and not judged. */
  context: string | null;
  n: number;
  verdict: Verdict;
}

export interface ClaimCard {
  claim: Claim;
  lines: ClaimLine[];
  verdict: CardVerdict;
}

const METRIC_NAME = { clean: 'clean', robust: 'PGD' } as const;

function measuredText(metric: 'clean' | 'robust', d: PairedDiff): string {
  const ci = intervalText(d);
  return `${METRIC_NAME[metric]} Δ ${pts(d.mean)} pts${ci ? ` ${ci}` : ''}, ${favourText(d)}`;
}

/** One card per claim, in the paper's order. */
export function claimCards(s: StudySummary): ClaimCard[] {
  return CLAIMS.map((claim) => {
    const lines = s.groups.flatMap((g) =>
      (g.claims.find((r) => r.claim.id === claim.id)?.pairs ?? []).map((p) => ({
        value: g.value,
        valueText: sweepValueText(s.sweep, g.value),
        modelLabel: p.modelLabel,
        refLabel: p.refLabel,
        measured: measuredText(claim.metric, p.diff),
        context: claim.context && p.context ? measuredText(claim.context, p.context) : null,
        n: p.diff.n,
        verdict: p.verdict,
      })),
    );
    const kinds = new Set(lines.map((l) => l.verdict));
    const verdict: CardVerdict = !lines.length ? 'untested' : kinds.size === 1 ? lines[0].verdict : 'mixed';
    return { claim, lines, verdict };
  });
}

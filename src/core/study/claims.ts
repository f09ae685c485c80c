// The paper's three claims (docs/design.md §1), each judged on this study's paired differences. A claim is evaluated
// for every pair of models it applies to; one the study cannot test says what it lacks. None is ever hidden.
import type { Comparison, Metric, PairedDiff } from './aggregate';
import type { Interval } from './stats';

export type Verdict = 'holds' | 'not-seen' | 'opposite' | 'too-few';

export interface Claim {
  id: 'fickle-clean' | 'softrand-pgd' | 'messy-pgd';
  number: number;
  statement: string;
  model: string;
  reference: string;
  metric: Metric;
  /** Also measured and shown, not judged (Soft Randomization's clean-accuracy cost). */
  context?: Metric;
  /** What the study needs for the claim, for "not evaluated". */
  needs: string;
}

export const CLAIMS: readonly Claim[] = [
  {
    id: 'fickle-clean',
    number: 1,
    statement: 'Fickle Teacher improves clean accuracy over Hinton KD from the same teacher.',
    model: 'fickle-teacher',
    reference: 'hinton-kd',
    metric: 'clean',
    needs: 'a Fickle Teacher and a Hinton KD student with the same T and α',
  },
  {
    id: 'softrand-pgd',
    number: 2,
    statement:
      'Soft Randomization is far more robust under PGD than Gaussian augmentation at the same σ, at a small clean-accuracy cost (verdict on PGD; clean Δ shown).',
    model: 'soft-randomization',
    reference: 'gaussian-augmentation',
    metric: 'robust',
    context: 'clean',
    needs: 'a Soft Randomization and a Gaussian augmentation student at the same σ, and PGD results',
  },
  {
    id: 'messy-pgd',
    number: 3,
    statement: 'Random label corruption (Messy Collaboration) raises PGD accuracy over Hinton KD.',
    model: 'messy-collaboration',
    reference: 'hinton-kd',
    metric: 'robust',
    needs: 'a Messy Collaboration and a Hinton KD student with the same T and α, and PGD results',
  },
];

export interface ClaimPair {
  modelId: string;
  modelLabel: string;
  refId: string;
  refLabel: string;
  diff: PairedDiff;
  context: PairedDiff | null;
  verdict: Verdict;
}

export interface ClaimResult {
  claim: Claim;
  /** Empty when the study lacks what the claim needs. */
  pairs: ClaimPair[];
}

/**
 * The verdict on a claimed increase: "holds" when the whole 95 % interval is above 0, "opposite" when it is all
 * below, "not seen" when it contains or touches 0, "too few" under 3 seeds whatever the interval.
 */
export function verdictOf(d: Pick<Interval, 'n' | 'lo' | 'hi'>): Verdict {
  if (d.n < 3) return 'too-few';
  if (d.lo > 0) return 'holds';
  if (d.hi < 0) return 'opposite';
  return 'not-seen';
}

export function evaluateClaims(comparisons: readonly Comparison[]): ClaimResult[] {
  return CLAIMS.map((claim) => ({
    claim,
    pairs: comparisons.flatMap((c) => {
      const diff = c[claim.metric];
      if (c.method !== claim.model || c.refMethod !== claim.reference || !diff) return [];
      return [
        {
          modelId: c.modelId,
          modelLabel: c.modelLabel,
          refId: c.refId!,
          refLabel: c.refLabel!,
          diff,
          context: claim.context ? c[claim.context] : null,
          verdict: verdictOf(diff),
        },
      ];
    }),
  }));
}

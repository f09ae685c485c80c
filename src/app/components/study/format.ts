// Words and numbers of the study views: accuracies in percent, differences in points with their 95 % interval,
// "better on k of n seeds", and the verdicts in plain words (the CLI's wording, core/study/text.ts).
import { pct, pts, VERDICT_TEXT, type PairedDiff, type Verdict } from '../../../core/study';

export { pct, pts };

/** Under this many paired seeds a difference is not judged (claims.ts verdictOf). */
export const MIN_SEEDS = 3;

/** "97.12" or "—". */
export const accText = (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? '—' : pct(x));

/** "± 0.31" with two or more seeds, "—" with one (no spread to speak of). */
export const sdText = (n: number, sd: number) => (n >= 2 && Number.isFinite(sd) ? `± ${pct(sd)}` : '± —');

/** "(−1.20 … +2.00)"; "" when there is no interval (fewer than 2 seeds). */
export function intervalText(d: Pick<PairedDiff, 'n' | 'lo' | 'hi'>): string {
  return d.n >= 2 && Number.isFinite(d.lo) && Number.isFinite(d.hi) ? `(${pts(d.lo)} … ${pts(d.hi)})` : '';
}

/** "better on 2 of 3 seeds". */
export const favourText = (d: Pick<PairedDiff, 'n' | 'favour'>) =>
  `better on ${d.favour} of ${d.n} seed${d.n === 1 ? '' : 's'}`;

/** Whether a difference is shown as one: enough seeds and a 95 % interval that leaves out 0. */
export function excludesZero(d: Pick<PairedDiff, 'n' | 'lo' | 'hi'>): 'higher' | 'lower' | null {
  if (d.n < MIN_SEEDS) return null;
  if (d.lo > 0) return 'higher';
  if (d.hi < 0) return 'lower';
  return null;
}

/** A seed's value for a dot's title: "seed 2: 97.10 %". */
export const seedTitle = (seed: number, v: number) => `seed ${seed}: ${pct(v)} %`;

export type CardVerdict = Verdict | 'untested' | 'mixed';

export const CARD_VERDICT_TEXT: Record<CardVerdict, string> = {
  ...VERDICT_TEXT,
  untested: 'cannot be tested here',
  mixed: 'differs between pairs: see each line',
};

export { VERDICT_TEXT };

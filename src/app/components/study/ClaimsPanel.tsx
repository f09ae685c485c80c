// The paper's claims, each judged on this study: the claim, what was measured for every pair of models it applies
// to (per sweep value), and the verdict in plain words. A claim that fails or cannot be tested is shown like any
// other; nothing is hidden or ranked.
import { memo, useMemo } from 'react';
import { claimCards, type ClaimCard } from './claimCards';
import { CARD_VERDICT_TEXT, VERDICT_TEXT } from './format';
import { useStudy } from './useStudy';

export const ClaimsPanel = memo(function ClaimsPanel() {
  const { summary } = useStudy();
  const cards = useMemo(() => (summary ? claimCards(summary) : []), [summary]);
  if (!summary) return null;
  const n = summary.groups.reduce((m, g) => Math.max(m, g.seeds.length), 0);
  return (
    <section className="panel claims" data-testid="claims-panel" aria-labelledby="claims-heading">
      <h2 id="claims-heading">The paper’s claims, tested here</h2>
      <p className="muted claims-intro">
        A claim holds here when the 95 % interval of its paired difference lies wholly on the claimed side of 0, with 3
        or more seeds. “Not seen here” is not evidence against it at this scale; it means the seeds could not tell.
        {n < 3 ? ` This study has ${n} seed${n === 1 ? '' : 's'}: no claim gets a verdict.` : ''}
      </p>
      <ol className="claim-list">
        {cards.map((c) => (
          <Card key={c.claim.id} card={c} />
        ))}
      </ol>
    </section>
  );
});

function Card({ card }: { card: ClaimCard }) {
  const { claim, lines, verdict } = card;
  return (
    <li className={`claim claim-${verdict}`} data-testid="claim" data-claim={claim.id} data-verdict={verdict}>
      <div className="claim-head">
        <span className="claim-number">Claim {claim.number}</span>
        <span className={`verdict verdict-${verdict}`} data-testid="claim-verdict">
          {CARD_VERDICT_TEXT[verdict]}
        </span>
      </div>
      <p className="claim-statement">{claim.statement}</p>
      {lines.length ? (
        <ul className="claim-lines">
          {lines.map((l, i) => (
            <li key={i} data-testid="claim-pair" data-verdict={l.verdict} data-value={l.value ?? undefined}>
              <span className="claim-pair">
                {l.valueText ? `${l.valueText} · ` : ''}
                {l.modelLabel} vs {l.refLabel}:
              </span>{' '}
              {l.measured}
              {l.context ? <span className="muted"> ({l.context}, shown, not judged)</span> : null}.{' '}
              <strong className={`verdict-word verdict-${l.verdict}`}>
                {VERDICT_TEXT[l.verdict]}
                {l.verdict === 'too-few' ? ` (n = ${l.n})` : ''}
              </strong>
            </li>
          ))}
        </ul>
      ) : (
        <p className="claim-needs">Not tested: this study needs {claim.needs}.</p>
      )}
    </li>
  );
}

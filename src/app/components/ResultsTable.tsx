// One row per trained model, filled as each phase ends; the best student's accuracy stands out.
import { memo, useMemo } from 'react';
import { METHODS } from '../../core/methods';
import type { MethodId } from '../../core/config/schema';
import { colorsFor } from '../lib/colors';
import { BACKEND_LABELS, count, fixed, formatDuration, pct, rate } from '../lib/format';
import type { Store } from '../store';
import { sameFields, useDeferredStore } from '../store/useDeferredStore';

function methodLabel(method: string): string {
  const m = METHODS[method as MethodId];
  if (m) return m.label;
  return method.charAt(0).toUpperCase() + method.slice(1);
}

// A transition subscription: a row appearing never blocks the page, and step messages do not re-render the table.
const selResults = (s: Store) => ({
  results: s.results,
  totalSeconds: s.totalSeconds,
  backend: s.resultsBackend,
  plan: s.plan,
  idle: s.status === 'idle',
  runConfig: s.runConfig,
});

export const ResultsTable = memo(function ResultsTable() {
  const { results, totalSeconds, backend, plan, idle, runConfig } = useDeferredStore(selResults, sameFields);
  const colors = useMemo(() => colorsFor(plan), [plan]);
  const best = useMemo(() => {
    const students = results.filter((r) => r.kind === 'student' && Number.isFinite(r.testAcc));
    return students.length ? students.reduce((a, b) => (b.testAcc > a.testAcc ? b : a)).id : null;
  }, [results]);

  return (
    <section className="panel results" aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <div className="table-wrap">
        <table data-testid="results-table">
          <caption className="muted">
            Clean test accuracy after the last epoch
            {runConfig ? ` · seed ${runConfig.seed} · ${runConfig.data.dataset}` : ''}
            {best ? ' · best student highlighted' : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Architecture</th>
              <th scope="col" className="num">
                Params
              </th>
              <th scope="col" className="num">
                Test acc (%)
              </th>
              <th scope="col" className="num">
                Test loss
              </th>
              <th scope="col" className="num">
                Train acc (%)
              </th>
              <th scope="col" className="num">
                Time (s)
              </th>
              <th scope="col" className="num">
                img/s
              </th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.id} data-testid="result-row" data-model={r.id} className={r.id === best ? 'best' : undefined}>
                <th scope="row" title={methodLabel(r.method)}>
                  <span className="swatch" style={{ background: colors[r.id] ?? '#888' }} aria-hidden="true" />
                  {r.label}
                </th>
                <td className="arch-cell">{r.architecture}</td>
                <td className="num">{count(r.params)}</td>
                <td className="num acc">
                  {pct(r.testAcc)}
                  {r.id === best ? <span className="best-badge"> ★ best</span> : null}
                </td>
                <td className="num">{fixed(r.testLoss, 4)}</td>
                <td className="num">{pct(r.trainAcc)}</td>
                <td className="num">{fixed(r.seconds, 1)}</td>
                <td className="num">{rate(r.imgPerSec)}</td>
              </tr>
            ))}
            {!results.length ? (
              <tr className="empty-row">
                <td colSpan={8} className="muted">
                  {idle ? 'No results yet: press Train.' : 'Rows appear as each model finishes.'}
                </td>
              </tr>
            ) : null}
          </tbody>
          {totalSeconds !== null ? (
            <tfoot>
              <tr>
                <td colSpan={8}>
                  Total time {formatDuration(totalSeconds)} ({totalSeconds.toFixed(1)} s)
                  {backend ? ` · backend ${BACKEND_LABELS[backend.name] ?? backend.name} (${backend.adapter})` : ''}
                </td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </section>
  );
});

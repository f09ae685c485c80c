// One row per model: clean and PGD accuracy over the study's seeds (mean ± sd, every seed as a dot) and the paired
// difference from each model's reference with its 95 % interval. No model is called the best: at this scale
// methods differ by less than seeds do, so a difference is marked only where its interval leaves out 0 with 3 or
// more seeds. Before any run of a study has finished, the rows show the run in progress as its models finish.
import { memo, useMemo } from 'react';
import { studyOf } from '../../core/study';
import { colorOf, colorsFor } from '../lib/colors';
import { BACKEND_LABELS, formatDuration } from '../lib/format';
import type { Store } from '../store';
import { sameFields, useDeferredStore } from '../store/useDeferredStore';
import { DeltaCell } from './study/DeltaCell';
import { ModelDetails } from './study/ModelDetails';
import { dotDomain, groupRows, liveRows, type RowView } from './study/resultRows';
import { outcomesAt } from './study/seedCurves';
import { StatCell } from './study/StatCell';
import { useStudy } from './study/useStudy';
import { ValuePicker } from './study/ValuePicker';
import { ScrollRegion } from './ScrollRegion';

// Step messages do not re-render the table: only results, the plan and the run's end.
const selLive = (s: Store) => ({
  results: s.results,
  totalSeconds: s.totalSeconds,
  backend: s.resultsBackend,
  plan: s.plan,
  idle: s.status === 'idle',
  seed: s.currentCell?.cell.seed ?? s.runConfig?.seed ?? 0,
});

export const ResultsTable = memo(function ResultsTable() {
  const { results, totalSeconds, backend, plan, idle, seed } = useDeferredStore(selLive, sameFields);
  const { runConfig, outcomes, summary, group, view } = useStudy();
  const colors = useMemo(() => colorsFor(plan), [plan]);
  const robustOn = runConfig?.attack.afterRun ?? true;
  // The study's rows once a run of it has finished; until then the models of the run in progress.
  const rows = useMemo<RowView[]>(
    () => (group ? groupRows(group, robustOn) : liveRows(results, seed)),
    [group, robustOn, results, seed],
  );
  const clean = useMemo(() => dotDomain(rows, 'clean'), [rows]);
  const robust = useMemo(() => dotDomain(rows, 'robust'), [rows]);
  const detailRuns = useMemo(
    () => (group ? outcomesAt(outcomes, group.value).map((o) => o.results) : [results]),
    [group, outcomes, results],
  );
  const n = group ? group.seeds.length : results.length ? 1 : 0;
  const cells = runConfig ? (studyOf(runConfig).sweep?.values.length ?? 1) * studyOf(runConfig).seeds.length : 1;

  return (
    <section className="panel results" aria-labelledby="results-heading">
      <div className="panel-head">
        <h2 id="results-heading">Results</h2>
        {summary ? <ValuePicker summary={summary} view={view} /> : null}
      </div>
      <ScrollRegion label="Results table">
        <table data-testid="results-table" className="results-table">
          <caption className="muted">
            <Caption n={n} seeds={group?.seeds ?? [seed]} dataset={runConfig?.data.dataset} live={!group} />
            {group && outcomes.length < cells ? (
              <span className="study-partial">
                {' '}
                {outcomes.length} of {cells} runs finished; the others join as they finish.
              </span>
            ) : null}
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" className="num">
                Clean accuracy (%)
              </th>
              <th scope="col" className="num">
                PGD accuracy (%)
              </th>
              <th scope="col">Δ vs reference (points, 95 % interval)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="result-row" data-model={r.id}>
                <th scope="row">
                  <span className="swatch" style={{ background: colorOf(colors, r.id) }} aria-hidden="true" />
                  {r.label}
                </th>
                <td className="num acc" data-testid="clean-acc">
                  <StatCell stat={r.clean} domain={clean} color={colorOf(colors, r.id)} empty="—" />
                </td>
                <td className="num acc" data-testid="robust-acc">
                  <StatCell
                    stat={r.robust}
                    domain={robust}
                    color={colorOf(colors, r.id)}
                    empty={robustOn ? '—' : 'off'}
                  />
                </td>
                <td className="delta-cell">
                  <DeltaCell row={r} />
                </td>
              </tr>
            ))}
            {!rows.length ? (
              <tr className="empty-row">
                <td colSpan={4} className="muted">
                  {idle
                    ? 'No results yet: press Train.'
                    : group
                      ? 'No run at this value has finished yet.'
                      : 'Rows appear as each model finishes.'}
                </td>
              </tr>
            ) : null}
          </tbody>
          {totalSeconds !== null ? (
            <tfoot>
              <tr>
                <td colSpan={4}>
                  Total time {formatDuration(totalSeconds)} ({totalSeconds.toFixed(1)} s)
                  {backend ? ` · backend ${BACKEND_LABELS[backend.name] ?? backend.name} (${backend.adapter})` : ''}
                  {!robustOn ? ' · PGD accuracy after training was off' : ''}
                </td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </ScrollRegion>
      <ModelDetails runs={detailRuns} />
    </section>
  );
});

/** What the numbers are, and what one seed cannot say. */
function Caption({ n, seeds, dataset, live }: { n: number; seeds: number[]; dataset?: string; live: boolean }) {
  const on = dataset ? ` on ${dataset}` : '';
  if (n === 0) return <>Test accuracy after the last epoch{on}.</>;
  if (n === 1)
    return (
      <>
        Test accuracy after the last epoch{on}, seed {seeds[0]}
        {live ? ' (the run in progress)' : ''}.{' '}
        <strong className="one-seed">
          One seed cannot tell methods apart: seeds differ by as much as methods do. Set Seeds to 3 or more to compare.
        </strong>
      </>
    );
  return (
    <>
      Mean ± sd over {n} seeds ({seeds.join(', ')}){on}; each dot is one seed. Δ: the paired difference from the model’s
      reference, with its 95 % t-interval; marked only where the interval excludes 0
      {n < 3 ? ' (needs 3 or more seeds)' : ''}.
    </>
  );
}

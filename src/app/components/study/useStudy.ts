// The study as the results views read it: the run's config, the finished cells, their summary (shared by every
// view through the memoised selector) and the sweep value on show. A transition subscription: a cell finishing
// never blocks the page, and step messages re-render nothing here.
import { useMemo } from 'react';
import type { Store } from '../../store';
import { sameFields, useDeferredStore } from '../../store/useDeferredStore';
import { selStudySummary, viewGroup } from './summary';

const sel = (s: Store) => ({
  status: s.status,
  runConfig: s.runConfig,
  outcomes: s.cellOutcomes,
  view: s.studyView,
});

export function useStudy() {
  const { status, runConfig, outcomes, view } = useDeferredStore(sel, sameFields);
  const summary = useMemo(() => selStudySummary({ runConfig, cellOutcomes: outcomes }), [runConfig, outcomes]);
  const group = summary ? viewGroup(summary, view) : null;
  return { status, runConfig, outcomes, summary, group, view };
}

// What this browser keeps for the app and how much room it takes: cached data sets, cached teachers, the run
// history, and the origin's usage against its quota. Read from IndexedDB on the main thread only while the
// history panel is open (listing reads metadata and teacher weights, not data pixels).
import { useCallback, useEffect, useState } from 'react';
import { storageFailure } from '../../../storage/db';
import { listCachedDatasets } from '../../../storage/datasets';
import { clearTeachers, teacherCacheSize } from '../../../storage/teachers';
import { useStore } from '../../store';
import { DATASET_LABELS } from '../data/datasets';
import { size } from './format';

interface Summary {
  datasets: { name: string; bytes: number }[];
  teachers: { count: number; bytes: number };
  usage: { used: number; quota: number } | null;
}

type State = { kind: 'loading' } | { kind: 'ok'; summary: Summary } | { kind: 'unavailable'; reason: string };

async function readSummary(): Promise<Summary> {
  const [datasets, teachers, estimate] = await Promise.all([
    listCachedDatasets(),
    teacherCacheSize(),
    navigator.storage?.estimate?.().catch(() => null) ?? Promise.resolve(null),
  ]);
  return {
    datasets: datasets.map((d) => ({ name: DATASET_LABELS[d.id] ?? d.id, bytes: d.bytes })),
    teachers,
    usage: estimate?.usage != null && estimate.quota ? { used: estimate.usage, quota: estimate.quota } : null,
  };
}

export function StorageSummary({ historyBytes }: { historyBytes: number }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [clearNote, setClearNote] = useState<string | null>(null);
  const pushNotice = useStore((s) => s.pushNotice);

  const load = useCallback(() => {
    readSummary().then(
      (summary) => setState({ kind: 'ok', summary }),
      (e: unknown) => setState({ kind: 'unavailable', reason: storageFailure(e) }),
    );
  }, []);
  useEffect(load, [load, historyBytes]); // a run recorded while the panel is open may have cached a teacher too

  const clear = async () => {
    if (state.kind !== 'ok') return;
    const { count, bytes } = state.summary.teachers;
    const what = `${count} cached teacher${count === 1 ? '' : 's'} (${size(bytes)})`;
    // The worker keeps the last run's teacher in memory: this tab may still reuse it until a reload.
    if (!window.confirm(`Delete ${what} from this browser's storage? After a reload, runs train their teachers again.`))
      return;
    const r = await clearTeachers();
    if (!r.ok) pushNotice('warning', `The cached teachers could not be cleared: ${r.reason}.`);
    setClearNote(r.ok ? 'Cached teachers cleared.' : null);
    load();
  };

  return (
    <section className="persist-storage" data-testid="storage-summary" aria-labelledby="storage-heading">
      <h3 id="storage-heading">Storage in this browser</h3>
      {state.kind === 'loading' ? <p className="muted">Measuring…</p> : null}
      {state.kind === 'unavailable' ? (
        <p className="note persist-warn" data-testid="storage-unavailable">
          This browser gives the app no storage: {state.reason}. Everything still works, in memory, but the run history,
          cached teachers, cached data sets and resuming an interrupted run are not kept after this tab closes.
        </p>
      ) : null}
      {state.kind === 'ok' ? <SummaryTable s={state.summary} historyBytes={historyBytes} onClear={clear} /> : null}
      <p role="status" className="muted persist-hint">
        {clearNote}
      </p>
    </section>
  );
}

function SummaryTable({ s, historyBytes, onClear }: { s: Summary; historyBytes: number; onClear: () => void }) {
  const dataBytes = s.datasets.reduce((n, d) => n + d.bytes, 0);
  return (
    <>
      <dl className="persist-sizes">
        <dt>Cached data sets</dt>
        <dd data-testid="storage-datasets">
          {s.datasets.length
            ? `${size(dataBytes)} (${s.datasets.map((d) => `${d.name} ${size(d.bytes)}`).join(', ')})`
            : 'none'}
        </dd>
        <dt>Cached teachers</dt>
        <dd data-testid="storage-teachers">
          {s.teachers.count ? `${s.teachers.count} · ${size(s.teachers.bytes)}` : 'none'}{' '}
          <button
            type="button"
            className="small danger"
            data-testid="clear-teachers"
            disabled={!s.teachers.count}
            onClick={onClear}
          >
            Clear cached teachers
          </button>
        </dd>
        <dt>Run history</dt>
        <dd data-testid="storage-history">{size(historyBytes)}</dd>
      </dl>
      {s.usage ? (
        <p className="muted" data-testid="storage-usage">
          This site uses {size(s.usage.used)} of the {size(s.usage.quota)} this browser allows it.
        </p>
      ) : null}
    </>
  );
}

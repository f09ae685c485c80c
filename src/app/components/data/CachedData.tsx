// What this browser keeps (IndexedDB), how much room it takes, and a way to free it. Collapsed by default:
// it is housekeeping, not part of an experiment.
import { memo } from 'react';
import type { CatalogEntry } from '../../../worker/protocol';
import { useStore } from '../../store';
import { mb, storageSize } from './format';

type Cached = CatalogEntry & { cached: NonNullable<CatalogEntry['cached']> };

const savedText = (t: number) => new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const CachedData = memo(function CachedData() {
  const catalog = useStore((s) => s.catalog);
  const clearData = useStore((s) => s.clearData);
  const cached = (catalog?.entries ?? []).filter((e): e is Cached => e.cached !== null);
  const total = cached.reduce((n, e) => n + e.cached.bytes, 0);

  const clearOne = (e: Cached) => {
    if (window.confirm(`Delete the cached ${e.name} (${mb(e.cached.bytes)}) from this browser?`)) clearData(e.id);
  };
  const clearAll = () => {
    if (window.confirm(`Delete all cached data sets (${mb(total)}) from this browser?`)) clearData(null);
  };

  return (
    <details className="data-cached" data-testid="cached-data">
      <summary>
        Cached data <span className="muted">· {catalog ? (cached.length ? mb(total) : 'none') : 'checking…'}</span>
      </summary>
      {catalog?.storageProblem ? (
        <div className="note data-note-warn">Data will not be kept: {catalog.storageProblem}</div>
      ) : null}
      {/* Usage comes before the list, so the list alone names data sets next to their sizes. */}
      {catalog?.usage ? (
        <p className="muted data-usage">
          This site uses {storageSize(catalog.usage.used)} of the {storageSize(catalog.usage.quota)} this browser allows
          it.
        </p>
      ) : null}
      {cached.length ? (
        <ul className="data-cached-list">
          {cached.map((e) => (
            <li key={e.id}>
              <span>
                <strong>{e.name}</strong> {mb(e.cached.bytes)}{' '}
                <span className="muted">
                  · {e.cached.origin === 'import' ? 'imported' : 'downloaded'} {savedText(e.cached.savedAt)}
                </span>
              </span>
              <button
                type="button"
                className="small"
                data-testid={`clear-${e.id}`}
                aria-label={`Clear cached ${e.name}`}
                onClick={() => clearOne(e)}
              >
                Clear
              </button>
            </li>
          ))}
        </ul>
      ) : catalog ? (
        <p className="muted">Nothing is cached in this browser.</p>
      ) : null}
      <button
        type="button"
        className="small danger"
        data-testid="clear-all-data"
        disabled={!cached.length}
        onClick={clearAll}
      >
        Clear all cached data
      </button>
    </details>
  );
});

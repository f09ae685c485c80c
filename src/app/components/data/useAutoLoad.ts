// Loads the draft's data set in the worker as the form changes, so counts, samples and any download or error
// show before Train is pressed. Debounced: typing a size reloads once, after the user pauses.
import { useEffect, useRef } from 'react';
import type { DataSpec } from '../../../core/config/schema';
import { isActive, useStore } from '../../store';
import { isRealDataset } from './datasets';

const DEBOUNCE_MS = 300;

/**
 * What a preview load depends on. A real set is described whole (sizes are caps applied when a run subsets it,
 * the seed picks that subset), so only its name counts; embedded and synthetic sets are built to the spec.
 */
function loadKey(d: DataSpec, seed: number): string {
  if (isRealDataset(d.dataset)) return d.dataset;
  const extra = d.dataset === 'synthetic' ? [d.size, d.channels] : [];
  return [d.dataset, seed, d.trainSize, d.testSize, ...extra].join('|');
}

export function useAutoLoad(): void {
  const key = useStore((s) => loadKey(s.draft.data, s.draft.seed));
  const invalid = useStore((s) => Object.keys(s.fieldErrors).some((k) => k.startsWith('data.') || k === 'seed'));
  const active = useStore((s) => isActive(s.status));
  // loadData is ignored during an import: wait for it, or the key would count as loaded when it was not.
  const importing = useStore((s) => s.importing);
  const loaded = useStore((s) => s.dataInfo?.dataset ?? null);
  const refreshCatalog = useStore((s) => s.refreshCatalog);
  const origin = useStore((s) => s.dataInfo?.origin);
  const lastKey = useRef<string | null>(null);

  useEffect(() => {
    refreshCatalog();
  }, [refreshCatalog]);

  // A download ends with the set in the cache: the catalog (option labels, cached list) should say so.
  useEffect(() => {
    if (origin === 'download') refreshCatalog();
  }, [origin, loaded, refreshCatalog]);

  useEffect(() => {
    if (invalid || active || importing || key === lastKey.current) return;
    // An import just described this real set: loading it again would only repeat that answer.
    const { draft } = useStore.getState();
    if (isRealDataset(draft.data.dataset) && loaded === draft.data.dataset) {
      lastKey.current = key;
      return;
    }
    const t = setTimeout(() => {
      const s = useStore.getState();
      lastKey.current = loadKey(s.draft.data, s.draft.seed);
      s.loadData(s.draft.data, s.draft.seed);
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [key, invalid, active, importing, loaded]);
}

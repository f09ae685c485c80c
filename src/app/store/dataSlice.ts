// Data sets: what is cached or offered (catalog), the loaded set's description (counts, samples), and the
// progress of a download or import. The worker does the work; this slice only keeps what the UI shows.
import type { DataSpec, RealDatasetName } from '../../core/config/schema';
import type { DataCatalog, DataInfo, DataProgress } from '../../worker/protocol';
import { getClient } from './client';
import type { SliceCreator } from './types';

export interface DataSlice {
  catalog: DataCatalog | null;
  /** The description of the last loaded data set (the draft's, once its load answered). */
  dataInfo: DataInfo | null;
  dataProgress: DataProgress | null;
  /** Why the last load of a set failed; the next load replaces it. */
  dataError: { dataset: string; message: string } | null;
  /** Why the last import failed: kept (loads come and go meanwhile) until dismissed or an import succeeds. */
  importError: string | null;
  /** The id of the latest data command whose progress and answer the UI follows. */
  dataRequestId: number | null;
  /** An import in progress (its progress replaces the load's). */
  importing: boolean;

  refreshCatalog(): void;
  loadData(spec: DataSpec, seed: number): void;
  importData(files: File[], idxAs: 'mnist' | 'fashion-mnist'): void;
  clearData(dataset: RealDatasetName | null): void;
  dismissDataError(): void;
  dismissImportError(): void;
}

export const createDataSlice: SliceCreator<DataSlice> = (set, get) => ({
  catalog: null,
  dataInfo: null,
  dataProgress: null,
  dataError: null,
  importError: null,
  dataRequestId: null,
  importing: false,

  refreshCatalog: () => void getClient().dataCatalog(),

  loadData: (spec, seed) => {
    if (get().importing) return;
    const id = getClient().loadData(spec, seed);
    set({ dataRequestId: id, dataError: null, dataProgress: null });
  },

  importData: (files, idxAs) => {
    if (!files.length) return;
    const id = getClient().importData(files, idxAs);
    set({ dataRequestId: id, dataError: null, dataProgress: null, importing: true });
  },

  clearData: (dataset) => {
    getClient().clearData(dataset);
    const info = get().dataInfo;
    // The loaded description stays true for this tab (the worker drops its copy too): reload on next use.
    if (info && (dataset === null || info.dataset === dataset)) set({ dataInfo: null });
  },

  dismissDataError: () => set({ dataError: null }),
  dismissImportError: () => set({ importError: null }),
});

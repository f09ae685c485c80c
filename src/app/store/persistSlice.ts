// Nothing lost: the interrupted run the worker can resume, notices from the worker (teacher cache hits,
// storage failures), run history in IndexedDB, and model files (export / import).
import { storageFailure, type StorageResult } from '../../storage/db';
import { deleteRun, listRuns, saveRun, type RunRecord } from '../../storage/runs';
import type { ModelRef } from '../../worker/attackProtocol';
import type { ResumeInfo, WorkerEvent } from '../../worker/protocol';
import { download } from '../lib/exportFiles';
import { getClient } from './client';
import { isActive } from './runSlice';
import type { SliceCreator } from './types';

export interface Notice {
  id: number;
  level: 'info' | 'warning';
  message: string;
}

export type PersistEvent = Extract<WorkerEvent, { type: 'resume-info' | 'notice' | 'model-file' | 'models-imported' }>;

export interface PersistSlice {
  resumeInfo: ResumeInfo | null;
  /** Runs other tabs of this browser are training now (their Resume appears here if those tabs close). */
  runsElsewhere: number;
  notices: Notice[];
  history: { record: RunRecord; bytes: number }[];
  /** Why history cannot be kept (storage unavailable), if so. */
  historyProblem: string | null;
  /** Ids of up to two runs whose curves are overlaid. */
  compare: string[];
  importedModels: ModelRef[];

  checkResume(): void;
  resumeRun(): void;
  discardResume(): void;
  dismissNotice(id: number): void;
  pushNotice(level: Notice['level'], message: string): void;
  refreshHistory(): Promise<void>;
  /** Saves a run to the history; a failed save is reported (once per session as a notice) and returned. */
  recordRun(r: RunRecord): Promise<StorageResult>;
  deleteHistoryRun(id: string): Promise<void>;
  toggleCompare(id: string): void;
  exportModel(modelId: string): void;
  importModels(files: File[]): void;
  applyPersistEvent(e: PersistEvent): void;
}

let nextNotice = 1;
// The history panel is collapsed and may never be opened: a failed write also reaches the notices, once a page.
let warnedNotSaved = false;

export const createPersistSlice: SliceCreator<PersistSlice> = (set, get) => ({
  resumeInfo: null,
  runsElsewhere: 0,
  notices: [],
  history: [],
  historyProblem: null,
  compare: [],
  importedModels: [],

  checkResume: () => void getClient().resumeInfo(),
  resumeRun: () => {
    const config = get().resumeInfo?.config;
    get().resumeFromCheckpoint();
    if (!config || !isActive(get().status)) return;
    // Then the form shows the run being continued (and Train afterwards repeats it, not the default config).
    // After the run started, so the changed backend field does not re-initialise the worker meanwhile. A config
    // the form rejects (an older version's) stays out of the form; the worker validated it for the run.
    get().setJsonText(JSON.stringify(config));
    get().applyJson();
  },
  discardResume: () => {
    getClient().discardCheckpoint(get().resumeInfo?.runKey);
    set({ resumeInfo: null });
  },

  dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  pushNotice: (level, message) =>
    set({ notices: [...get().notices.filter((n) => n.message !== message), { id: nextNotice++, level, message }] }),

  refreshHistory: async () => {
    try {
      set({ history: await listRuns(), historyProblem: null });
    } catch (e) {
      set({ historyProblem: `Run history is not kept: ${storageFailure(e)}.` });
    }
  },
  recordRun: async (r) => {
    const res = await saveRun(r);
    await get().refreshHistory(); // first: a successful read clears historyProblem
    if (!res.ok) {
      set({ historyProblem: `This run was not saved to the history: ${res.reason}.` });
      historyWriteFailed(get, res.reason);
    }
    return res;
  },
  deleteHistoryRun: async (id) => {
    const res = await deleteRun(id);
    if (!res.ok) historyWriteFailed(get, res.reason);
    set({ compare: get().compare.filter((c) => c !== id) });
    await get().refreshHistory();
  },
  toggleCompare: (id) => {
    const c = get().compare;
    set({ compare: c.includes(id) ? c.filter((x) => x !== id) : [...c, id].slice(-2) });
  },

  exportModel: (modelId) => void getClient().exportModel(modelId),
  importModels: (files) => {
    const s = get();
    if (files.length) getClient().importModels(files, s.draft.data, s.draft.seed);
  },

  applyPersistEvent: (e) => {
    switch (e.type) {
      case 'resume-info':
        set({ resumeInfo: e.info, runsElsewhere: e.elsewhere });
        return;
      case 'notice':
        get().pushNotice(e.level, e.message);
        return;
      case 'model-file':
        download(new Blob([e.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), e.fileName);
        return;
      case 'models-imported':
        set({ importedModels: [...get().importedModels, ...e.models] });
        // The worker's labels already read "Imported: …".
        get().pushNotice('info', `${e.models.map((m) => m.label).join(', ')}: ready in the attack lab.`);
        return;
    }
  },
});

function historyWriteFailed(get: () => PersistSlice, reason: string): void {
  if (warnedNotSaved) return;
  warnedNotSaved = true;
  get().pushNotice('warning', `Run history is not being saved: ${reason}.`);
}

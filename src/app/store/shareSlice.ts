// Share links, presets and classroom mode: the link's UI switches, what a link had to repair, and Undo for a
// preset. Whole configs go in through the config slice's own public actions, so validation, the JSON view and
// the student keys stay its business.
import type { ExperimentConfig } from '../../core/config/schema';
import { presetById, presetConfig } from '../../core/config/presets';
import type { Notice as LinkNotice } from '../../core/config/repair';
import type { DecodedShare, ShareUi } from '../../core/config/shareLink';
import type { SliceCreator, Store } from './types';

/** The link's switches except step mode, which the run slice owns (the worker needs it). */
export type ShareFlags = Required<Omit<ShareUi, 'stepMode'>>;

/** What Undo puts back after a preset: the form exactly as it was, invalid fields and unapplied JSON included. */
interface FormSnapshot {
  draft: ExperimentConfig;
  studentKeys: number[];
  jsonText: string;
  jsonDirty: boolean;
  stepMode: boolean;
  shareUi: ShareFlags;
}

export interface ShareSlice {
  shareUi: ShareFlags;
  /** What the opened link had to repair or ignore (shown until dismissed). */
  linkNotices: LinkNotice[];
  /** A link asked to start training but needed repair: its notice offers Start instead. */
  autostartHeld: boolean;
  /** The last preset applied, with the form before it, for Undo. */
  presetApplied: { title: string; previous: FormSnapshot } | null;

  setShareUi(patch: Partial<ShareFlags>): void;
  /** Opens a decoded link: its config replaces the draft, its switches replace the current ones. */
  applyShared(d: DecodedShare): void;
  dismissLinkNotices(): void;
  applyPreset(id: string): void;
  undoPresetApply(): void;
  dismissPresetApplied(): void;
}

export const NO_FLAGS: ShareFlags = { classroom: false, hideControls: false, lockControls: false, autostart: false };

/** The switches a link made now would carry. */
export function shareUiOf(s: Store): ShareUi {
  return { ...s.shareUi, stepMode: s.stepMode };
}

export const createShareSlice: SliceCreator<ShareSlice> = (set, get) => {
  /** A whole, valid config into the form, as "Apply JSON" would (fresh student keys, JSON view in step). */
  const replaceDraft = (cfg: ExperimentConfig): boolean => {
    const s = get();
    const { jsonText, jsonDirty } = s;
    s.dismissPreset(); // its Undo would write the old models over the new config
    s.setJsonText(JSON.stringify(cfg));
    if (get().applyJson()) return true;
    set({ jsonText, jsonDirty, jsonErrors: [] }); // unreachable for repaired configs and presets; keep the form
    return false;
  };

  const snapshot = (): FormSnapshot => {
    const s = get();
    return {
      draft: s.draft,
      studentKeys: s.studentKeys,
      jsonText: s.jsonText,
      jsonDirty: s.jsonDirty,
      stepMode: s.stepMode,
      shareUi: s.shareUi,
    };
  };

  return {
    shareUi: NO_FLAGS,
    linkNotices: [],
    autostartHeld: false,
    presetApplied: null,

    setShareUi: (patch) => set({ shareUi: { ...get().shareUi, ...patch } }),

    applyShared: (d) => {
      const ok = replaceDraft(d.config);
      const { stepMode, ...flags } = d.ui;
      get().setStepMode(stepMode);
      const notices = ok ? d.notices : [...d.notices, { field: '(link)', message: 'could not be applied' }];
      set({ shareUi: flags, linkNotices: notices, presetApplied: null });
    },

    dismissLinkNotices: () => set({ linkNotices: [], autostartHeld: false }),

    applyPreset: (id) => {
      const p = presetById(id);
      if (!p || get().shareUi.lockControls) return;
      const previous = snapshot();
      if (!replaceDraft(presetConfig(p))) return;
      // A preset only switches things on: applying one in classroom mode must not drop the class out of it.
      const { stepMode, ...flags } = p.ui ?? {};
      if (stepMode) get().setStepMode(true);
      const on = Object.fromEntries(Object.entries(flags).filter(([, v]) => v));
      set({ shareUi: { ...get().shareUi, ...on }, presetApplied: { title: p.title, previous } });
    },

    undoPresetApply: () => {
      const u = get().presetApplied;
      if (!u) return;
      const p = u.previous;
      set({ draft: p.draft, studentKeys: p.studentKeys, jsonText: p.jsonText, jsonDirty: p.jsonDirty, removed: null });
      // Revalidates through the config slice's commit (the restored draft may be one the user was mid-edit on).
      get().setField('seed', p.draft.seed);
      get().setStepMode(p.stepMode);
      set({ shareUi: p.shareUi, presetApplied: null });
    },

    dismissPresetApplied: () => set({ presetApplied: null }),
  };
};

// The attack and robustness lab: its settings, the one task in flight (gallery, ε sweep or corruptions) with its
// progress, and the last result of each task. The worker runs lab commands one at a time; answers are applied
// only when they carry the latest id sent for their task, so a stale or superseded answer never shows.
import type { AttackSpec, TargetMode } from '../../core/attacks/types';
import type { ExperimentConfig } from '../../core/config/schema';
import type { Corruption, Severity } from '../../core/robustness/severity';
import type {
  AttackEvent,
  AttackTask,
  CorruptionPreview,
  CorruptionResult,
  GalleryPick,
  GalleryResult,
  SweepResult,
} from '../../worker/attackProtocol';
import type { DatasetSummary } from '../../worker/protocol';
import { getClient } from './client';
import type { SliceCreator } from './types';

export type AttackKind = 'pgd' | 'fgsm' | 'pgd-targeted';

export interface AttackSettings {
  kind: AttackKind;
  /** Pixel units [0,1], whatever the display units. */
  eps: number;
  stepSize: number;
  steps: number;
  randomStart: boolean;
  target: TargetMode;
  /** The model examples are crafted on (gallery, transfer sweep); null: the first model (the teacher). */
  source: string | null;
  seed: number;
}

export interface AttackBusy {
  task: Exclude<AttackTask, 'preview'>;
  id: number;
  done: number;
  total: number;
  etaSeconds: number | null;
  /** Date.now() when sent: the first progress message can take a while (one batch), elapsed time shows until then. */
  startedAt: number;
  stopping: boolean;
  /** A sweep's plan: its title names the ε range, and its time is estimated before the first batch is measured. */
  sweep?: SweepPlan;
}

export interface SweepPlan {
  attack: AttackSpec;
  epsList: number[];
  subset: number;
  source: string | null;
}

export interface AttackSlice {
  attackSettings: AttackSettings;
  /** What the settings were initialised from (run config's attack, seed, channels): a run with others resets them. */
  attackBasis: string;
  attackBusy: AttackBusy | null;
  /** The latest request id per task. */
  attackIds: Partial<Record<AttackTask, number>>;
  attackGallery: GalleryResult | null;
  attackSweep: SweepResult | null;
  attackCorruptions: CorruptionResult | null;
  attackPreview: CorruptionPreview | null;
  previewPending: boolean;
  attackError: string | null;

  setAttackSettings(p: Partial<AttackSettings>): void;
  craftAttackGallery(pick: Omit<GalleryPick, 'seed'>, source: string): void;
  runAttackSweep(epsList: number[], subset: number, source: string | null): void;
  runCorruptions(corruptions: Corruption[], severities: Severity[], subset: number): void;
  previewCorruptions(index: number): void;
  stopAttack(): void;
  dismissAttackError(): void;
  /** A new run started: its models replace the old ones, so every result and request of the lab is dropped. */
  resetAttackLab(config: ExperimentConfig, dataset: DatasetSummary): void;
  applyAttackEvent(e: AttackEvent): void;
}

/** The settings a run's config implies: its evaluation attack (PGD with random start) and its seed. */
export function settingsFor(config: ExperimentConfig | null): AttackSettings {
  const a = config?.attack ?? { eps: 0.1, stepSize: 0.025, steps: 20 };
  return {
    kind: 'pgd',
    eps: a.eps,
    stepSize: a.stepSize,
    steps: a.steps,
    randomStart: true,
    target: { mode: 'next' },
    source: null,
    seed: config?.seed ?? 1,
  };
}

/** The settings as the spec the worker runs. */
export function specOf(s: AttackSettings): AttackSpec {
  if (s.kind === 'fgsm') return { kind: 'fgsm', eps: s.eps };
  const pgd = { kind: 'pgd' as const, eps: s.eps, stepSize: s.stepSize, steps: s.steps, randomStart: s.randomStart };
  return s.kind === 'pgd-targeted' ? { ...pgd, targeted: true, target: s.target } : pgd;
}

const idle = {
  attackBusy: null,
  attackIds: {},
  attackGallery: null,
  attackSweep: null,
  attackCorruptions: null,
  attackPreview: null,
  previewPending: false,
  attackError: null,
};

export const createAttackSlice: SliceCreator<AttackSlice> = (set, get) => {
  /** Sends a long task unless one is already in flight (the worker would only queue it behind). */
  const startTask = (task: AttackBusy['task'], send: () => number, sweep?: SweepPlan) => {
    if (get().attackBusy) return;
    let id: number;
    try {
      id = send();
    } catch (e) {
      set({ attackError: `could not reach the training worker: ${(e as Error).message}` });
      return;
    }
    set({
      attackBusy: { task, id, done: 0, total: 0, etaSeconds: null, startedAt: Date.now(), stopping: false, sweep },
      attackIds: { ...get().attackIds, [task]: id },
      attackError: null,
    });
  };

  return {
    attackSettings: settingsFor(null),
    attackBasis: '',
    ...idle,

    setAttackSettings: (p) => {
      const old = get().attackSettings;
      const next = { ...old, ...p };
      // A new ε keeps PGD's step/ε ratio (as the sweep does), unless the step size is set at the same time.
      if (p.eps !== undefined && p.stepSize === undefined && old.eps > 0 && next.eps > 0)
        next.stepSize = (old.stepSize * next.eps) / old.eps;
      set({ attackSettings: next });
    },

    craftAttackGallery: (pick, source) => {
      const s = get().attackSettings;
      startTask('gallery', () =>
        getClient().attack({ type: 'attack-gallery', attack: specOf(s), source, pick: { ...pick, seed: s.seed } }),
      );
    },

    runAttackSweep: (epsList, subset, source) => {
      const s = get().attackSettings;
      const attack = specOf(s);
      startTask(
        'sweep',
        () => getClient().attack({ type: 'attack-sweep', attack, epsList, subset, source, seed: s.seed }),
        { attack, epsList, subset, source },
      );
    },

    runCorruptions: (corruptions, severities, subset) => {
      const seed = get().attackSettings.seed;
      startTask('corruptions', () =>
        getClient().attack({ type: 'corruptions', subset, corruptions, severities, seed }),
      );
    },

    // Cheap and independent of the long tasks: it may wait behind one in the worker's queue but never blocks one.
    previewCorruptions: (index) => {
      try {
        const id = getClient().attack({ type: 'corruption-preview', index, seed: get().attackSettings.seed });
        set({ attackIds: { ...get().attackIds, preview: id }, previewPending: true });
      } catch (e) {
        set({ attackError: `could not reach the training worker: ${(e as Error).message}` });
      }
    },

    stopAttack: () => {
      const busy = get().attackBusy;
      if (!busy || busy.stopping) return;
      getClient().attack({ type: 'attack-stop' });
      set({ attackBusy: { ...busy, stopping: true } });
    },

    dismissAttackError: () => set({ attackError: null }),

    resetAttackLab: (config, dataset) => {
      const basis = JSON.stringify([config.attack, config.seed, dataset.shape[2]]);
      const keep = basis === get().attackBasis;
      set({ ...idle, attackBasis: basis, attackSettings: keep ? get().attackSettings : settingsFor(config) });
    },

    applyAttackEvent: (e) => {
      const s = get();
      const task = (Object.keys(s.attackIds) as AttackTask[]).find((t) => s.attackIds[t] === e.id);
      if (!task) return; // not ours, superseded, or from before the current run
      const ends = s.attackBusy?.id === e.id ? { attackBusy: null } : {};
      switch (e.type) {
        case 'attack-progress':
          if (s.attackBusy?.id === e.id)
            set({ attackBusy: { ...s.attackBusy, done: e.done, total: e.total, etaSeconds: e.etaSeconds } });
          return;
        case 'attack-gallery':
          set({ ...ends, attackGallery: e.result });
          return;
        case 'attack-sweep':
          set({ ...ends, attackSweep: e.result });
          return;
        case 'corruptions':
          set({ ...ends, attackCorruptions: e.result });
          return;
        case 'corruption-preview':
          set({ attackPreview: e.preview, previewPending: false });
          return;
        case 'attack-stopped':
          set({ ...ends, ...(task === 'preview' ? { previewPending: false } : {}) });
          return;
        case 'attack-error':
          set({ ...ends, attackError: e.message, ...(task === 'preview' ? { previewPending: false } : {}) });
          return;
      }
    },
  };
};

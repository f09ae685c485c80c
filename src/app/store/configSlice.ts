// The experiment form: a draft config (possibly invalid while the user types), its live validation, and the
// advanced JSON editor. The draft is always a full config object; the worker re-validates whatever is sent.
import { type ExperimentConfig, type MethodId, type ModelSpec, type StudentSpec } from '../../core/config/schema';
import {
  datasetPreset,
  defaultConfig,
  defaultStudent,
  modelDefault,
  optimizerDefault,
} from '../../core/config/defaults';
import { repairConfig } from '../../core/config/repair';
import { validateConfig, type FieldError, type ValidationResult } from '../../core/config/validate';
import { METHOD_IDS } from '../../core/config/schema';
import { setIn } from '../lib/paths';
import {
  inputOf,
  NO_STUDY_INPUT,
  readStudyInput,
  sameStudy,
  withStudy,
  type StudyErrors,
  type StudyInput,
} from './studyInput';
import type { SliceCreator } from './types';

export const MAX_STUDENTS = 8;

export interface RemovedStudent {
  student: StudentSpec;
  key: number;
  index: number;
}

export interface ConfigSlice {
  draft: ExperimentConfig;
  /** Stable React keys for the student cards, parallel to draft.students. */
  studentKeys: number[];
  validation: ValidationResult;
  /** Validation errors of the draft by dotted field path, for messages next to the controls. */
  fieldErrors: Record<string, string>;
  jsonText: string;
  /** The textarea holds edits that were not applied. */
  jsonDirty: boolean;
  /** Errors of the last failed "Apply JSON"; the form keeps its previous config meanwhile. */
  jsonErrors: FieldError[];
  /** Errors the worker answered with (`invalid`). */
  serverErrors: FieldError[];
  removed: RemovedStudent | null;
  /** After a data-set switch changed the models: what changed and the config before, for Undo. */
  presetUndo: { message: string; previous: ExperimentConfig } | null;
  /** The study controls' text, what is wrong with it (Train waits until nothing is), and the study it was read as. */
  studyInput: StudyInput;
  studyErrors: StudyErrors;
  studyFor: ExperimentConfig['study'];

  setField(path: string, value: unknown): void;
  setDataset(dataset: ExperimentConfig['data']['dataset']): void;
  undoPreset(): void;
  dismissPreset(): void;
  setOptimizerType(type: ExperimentConfig['optimizer']['type']): void;
  setModelFamily(which: 'teacher' | 'student', family: ModelSpec['family']): void;
  setStudentMethod(index: number, method: MethodId): void;
  addStudent(): void;
  duplicateStudent(index: number): void;
  removeStudent(index: number): void;
  undoRemove(): void;
  dismissRemoved(): void;
  setJsonText(text: string): void;
  applyJson(): boolean;
  revertJson(): void;
  setServerErrors(errors: FieldError[]): void;
  setStudyInput(patch: Partial<StudyInput>): void;
}

export const hasStudyErrors = (s: Pick<ConfigSlice, 'studyErrors'>) => !!(s.studyErrors.seeds || s.studyErrors.sweep);

let nextKey = 1;
const freshKeys = (n: number) => Array.from({ length: n }, () => nextKey++);
export const toJson = (cfg: unknown) => JSON.stringify(cfg, null, 2);

function errorMap(v: ValidationResult): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v.ok) for (const e of v.errors) out[e.field] ??= e.message;
  return out;
}

const KD_KEYS = ['temperature', 'alpha'] as const;

export const createConfigSlice: SliceCreator<ConfigSlice> = (set, get) => {
  const initial = defaultConfig();
  const initialValidation = validateConfig(initial);

  /**
   * Every form edit goes through here: the study controls' text re-read against the new draft (a study that came
   * from elsewhere, e.g. the JSON editor, a link or Undo, rewrites that text first), revalidate, keep the JSON view
   * in step unless it holds user edits.
   */
  const commit = (next: ExperimentConfig, extra: Partial<ConfigSlice> = {}) => {
    const s = get();
    const { studyInput: typed, ...rest } = extra;
    const input = typed ?? (next.study !== s.studyFor ? inputOf(next.study, next.seed) : s.studyInput);
    let draft = next;
    let validation = validateConfig(draft);
    const read = readStudyInput(input, draft, validation.ok);
    if (read.study !== null && !sameStudy(read.study, draft.study)) {
      draft = withStudy(draft, read.study);
      validation = validateConfig(draft);
    }
    set({
      draft,
      validation,
      fieldErrors: errorMap(validation),
      jsonText: s.jsonDirty ? s.jsonText : toJson(draft),
      jsonErrors: [],
      serverErrors: [],
      studyInput: input,
      studyErrors: read.errors,
      studyFor: draft.study,
      ...rest,
    });
  };

  return {
    draft: initial,
    studentKeys: freshKeys(initial.students.length),
    validation: initialValidation,
    fieldErrors: errorMap(initialValidation),
    jsonText: toJson(initial),
    jsonDirty: false,
    jsonErrors: [],
    serverErrors: [],
    removed: null,
    presetUndo: null,
    studyInput: NO_STUDY_INPUT,
    studyErrors: {},
    studyFor: initial.study,

    setField: (path, value) => commit(setIn(get().draft, path, value)),

    setDataset: (dataset) => {
      const d = get().draft;
      if (d.data.dataset === dataset) return;
      const next = datasetPreset(dataset, d);
      const modelsChanged = JSON.stringify([next.teacher, next.student]) !== JSON.stringify([d.teacher, d.student]);
      commit(next, {
        presetUndo: modelsChanged
          ? {
              message: `Models and optimiser switched to the ${next.teacher.model.family === 'wrn' ? 'residual (WRN)' : 'CNN'} preset for this data set.`,
              previous: d,
            }
          : null,
      });
    },

    undoPreset: () => {
      const u = get().presetUndo;
      if (!u) return;
      commit(
        {
          ...get().draft,
          teacher: u.previous.teacher,
          student: u.previous.student,
          optimizer: u.previous.optimizer,
          batchSize: u.previous.batchSize,
          attack: u.previous.attack,
        },
        { presetUndo: null },
      );
    },

    dismissPreset: () => set({ presetUndo: null }),

    setOptimizerType: (type) => {
      const d = get().draft;
      if (d.optimizer.type === type) return;
      // The table's typical learning rate, momentum and weight decay for the new optimizer.
      const optimizer = optimizerDefault(type);
      commit({ ...d, optimizer });
    },

    setModelFamily: (which, family) => {
      const d = get().draft;
      const cur = d[which].model;
      if (cur.family === family) return;
      // The whole model comes from the defaults table (the same one the CIFAR-10 preset and repairs use).
      const model = modelDefault(which, family);
      commit({ ...d, [which]: { ...d[which], model } });
    },

    setStudentMethod: (index, method) => {
      const d = get().draft;
      const old = d.students[index];
      if (!old || old.method === method) return;
      const next = defaultStudent(method) as Record<string, unknown>;
      // Carry the KD temperature and weight over when both methods distil.
      for (const k of KD_KEYS) if (k in next && k in old) next[k] = (old as Record<string, unknown>)[k];
      const students = d.students.slice();
      students[index] = next as StudentSpec;
      commit({ ...d, students });
    },

    addStudent: () => {
      const d = get().draft;
      if (d.students.length >= MAX_STUDENTS) return;
      const used = new Set(d.students.map((s) => s.method));
      const method = METHOD_IDS.find((m) => !used.has(m) && m !== 'custom') ?? 'hinton-kd';
      commit(
        { ...d, students: [...d.students, defaultStudent(method)] },
        { studentKeys: [...get().studentKeys, nextKey++] },
      );
    },

    duplicateStudent: (index) => {
      const d = get().draft;
      if (d.students.length >= MAX_STUDENTS || !d.students[index]) return;
      const students = d.students.slice();
      students.splice(index + 1, 0, structuredClone(d.students[index]));
      const keys = get().studentKeys.slice();
      keys.splice(index + 1, 0, nextKey++);
      commit({ ...d, students }, { studentKeys: keys });
    },

    removeStudent: (index) => {
      const d = get().draft;
      if (d.students.length <= 1 || !d.students[index]) return;
      const keys = get().studentKeys.slice();
      const [key] = keys.splice(index, 1);
      const students = d.students.filter((_, i) => i !== index);
      commit({ ...d, students }, { studentKeys: keys, removed: { student: d.students[index], key, index } });
    },

    undoRemove: () => {
      const { removed, draft: d, studentKeys } = get();
      if (!removed || d.students.length >= MAX_STUDENTS) return;
      const at = Math.min(removed.index, d.students.length);
      const students = d.students.slice();
      students.splice(at, 0, removed.student);
      const keys = studentKeys.slice();
      keys.splice(at, 0, removed.key);
      commit({ ...d, students }, { studentKeys: keys, removed: null });
    },

    dismissRemoved: () => set({ removed: null }),

    setJsonText: (text) => set({ jsonText: text, jsonDirty: true }),

    applyJson: () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(get().jsonText);
      } catch (e) {
        set({ jsonErrors: [{ field: 'JSON', message: `not valid JSON (${(e as Error).message})` }] });
        return false;
      }
      // Refused unless it is a config as written: invalid values by validation's field-named messages, and
      // everything validation would drop silently (unknown keys, __proto__, …) by the same repair path a share
      // link takes, so the editor and links report the same things.
      const v = validateConfig(parsed);
      const named = new Set(v.ok ? [] : v.errors.map((e) => e.field));
      const ignored = repairConfig(parsed)
        .notices.filter((n) => !named.has(n.field) && !(n.field === '(config)' && !v.ok))
        .map((n) => ({ field: n.field, message: n.value ? `${n.message} (${n.value})` : n.message }));
      const errors = [...(v.ok ? [] : v.errors), ...ignored];
      if (!v.ok || errors.length) {
        set({ jsonErrors: errors });
        return false;
      }
      commit(v.config, {
        jsonText: toJson(v.config),
        jsonDirty: false,
        studentKeys: freshKeys(v.config.students.length),
        removed: null,
      });
      return true;
    },

    revertJson: () => set({ jsonText: toJson(get().draft), jsonDirty: false, jsonErrors: [] }),

    setServerErrors: (errors) => set({ serverErrors: errors }),

    setStudyInput: (patch) => {
      const input = { ...get().studyInput, ...patch };
      // With a sweep and no seeds of its own, the study follows the Seed field: commit re-reads it.
      commit(get().draft, { studyInput: input });
    },
  };
};

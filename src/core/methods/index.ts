// The method registry: one module per method, looked up by the config's `method` field.
import type { MethodId, StudentSpec } from '../config/schema';
import { custom } from './custom';
import { fickleTeacher } from './fickleTeacher';
import { gaussianAugmentation } from './gaussianAugmentation';
import { hintonKd } from './hintonKd';
import { messyCollaboration } from './messyCollaboration';
import type { MethodInfo, Recipe } from './recipe';
import { softRandomization } from './softRandomization';
import { studentAlone } from './studentAlone';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const METHODS: Record<MethodId, MethodInfo<any>> = {
  'student-alone': studentAlone,
  'gaussian-augmentation': gaussianAugmentation,
  'hinton-kd': hintonKd,
  'fickle-teacher': fickleTeacher,
  'soft-randomization': softRandomization,
  'messy-collaboration': messyCollaboration,
  custom,
};

export function recipeOf(s: StudentSpec): Recipe {
  return METHODS[s.method].recipe(s);
}

/** Short human label for a student, with its key hyperparameters: "Soft Randomization σ=0.2". */
export function studentLabel(s: StudentSpec): string {
  const base = METHODS[s.method].label;
  switch (s.method) {
    case 'gaussian-augmentation':
    case 'soft-randomization':
      return `${base} σ=${s.sigma}`;
    case 'messy-collaboration':
      return `${base} ${s.target} r=${s.rate}`;
    default:
      return base;
  }
}

/** The teacher needs training only if some student distils from it. */
export function needsTeacher(r: Recipe): boolean {
  return r.kd !== null;
}

export type { Recipe } from './recipe';

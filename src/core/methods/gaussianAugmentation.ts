import type { StudentSpec } from '../config/schema';
import type { MethodInfo } from './recipe';
import { NO_NOISE } from './recipe';

type Spec = Extract<StudentSpec, { method: 'gaussian-augmentation' }>;

export const gaussianAugmentation: MethodInfo<Spec> = {
  id: 'gaussian-augmentation',
  label: 'Gaussian augmentation',
  description:
    'The student alone trains on inputs with Gaussian pixel noise (σ) added, and no teacher. It is the baseline for Soft Randomization: same noise, but without a teacher looking at the clean image.',
  recipe: (s) => ({ ...NO_NOISE, inputNoise: { mode: 'augment', sigma: s.sigma, clip: s.clip, ceOnClean: false } }),
};

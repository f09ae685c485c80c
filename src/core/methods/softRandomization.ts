import type { StudentSpec } from '../config/schema';
import type { MethodInfo } from './recipe';
import { NO_NOISE } from './recipe';

type Spec = Extract<StudentSpec, { method: 'soft-randomization' }>;

export const softRandomization: MethodInfo<Spec> = {
  id: 'soft-randomization',
  label: 'Soft Randomization',
  description:
    'The student sees the image with Gaussian noise (σ) added, but must match what the teacher says about the clean image. The paper claims this makes students far more robust to adversarial attacks than plain Gaussian augmentation, at little cost in clean accuracy.',
  recipe: (s) => ({
    ...NO_NOISE,
    kd: { temperature: s.temperature, alpha: s.alpha },
    inputNoise: { mode: 'soft-randomization', sigma: s.sigma, clip: s.clip, ceOnClean: s.ceOnClean },
  }),
};

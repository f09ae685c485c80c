import type { StudentSpec } from '../config/schema';
import type { MethodInfo } from './recipe';
import { NO_NOISE } from './recipe';

type Spec = Extract<StudentSpec, { method: 'hinton-kd' }>;

export const hintonKd: MethodInfo<Spec> = {
  id: 'hinton-kd',
  label: 'Hinton KD',
  description:
    'The student matches the frozen teacher’s softened outputs (temperature T) as well as the labels, weighted by α. No noise: this is the distillation baseline the noisy methods are compared against.',
  recipe: (s) => ({ ...NO_NOISE, kd: { temperature: s.temperature, alpha: s.alpha } }),
};

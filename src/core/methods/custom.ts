import type { StudentSpec } from '../config/schema';
import type { MethodInfo } from './recipe';

type Spec = Extract<StudentSpec, { method: 'custom' }>;

export const custom: MethodInfo<Spec> = {
  id: 'custom',
  label: 'Custom combination',
  description:
    'Switch each noise source on or off yourself: distillation, a fickle teacher, input noise, and label corruption for teacher and student. Use it to test combinations the paper suggests, such as Fickle Teacher with Soft Randomization.',
  recipe: (s) => ({
    kd: s.kd ? { temperature: s.temperature, alpha: s.alpha } : null,
    fickle: s.kd && s.fickle,
    inputNoise:
      s.inputNoise === 'none'
        ? null
        : { mode: s.kd ? s.inputNoise : 'augment', sigma: s.sigma, clip: s.clip, ceOnClean: s.ceOnClean },
    studentLabelNoise: s.studentLabelNoise,
    teacherLabelNoise: s.kd ? s.teacherLabelNoise : 0,
  }),
};

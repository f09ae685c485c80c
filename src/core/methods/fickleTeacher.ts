import type { StudentSpec } from '../config/schema';
import type { MethodInfo } from './recipe';
import { NO_NOISE } from './recipe';

type Spec = Extract<StudentSpec, { method: 'fickle-teacher' }>;

export const fickleTeacher: MethodInfo<Spec> = {
  id: 'fickle-teacher',
  label: 'Fickle Teacher',
  description:
    'The teacher keeps its dropout switched on while it teaches, so each query gets a slightly different soft target (batch-norm stays in inference mode). The paper claims this noisy teacher makes a better student than Hinton KD from the same teacher.',
  recipe: (s) => ({ ...NO_NOISE, kd: { temperature: s.temperature, alpha: s.alpha }, fickle: true }),
};

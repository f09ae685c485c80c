import type { MethodInfo } from './recipe';
import { NO_NOISE } from './recipe';

export const studentAlone: MethodInfo<unknown> = {
  id: 'student-alone',
  label: 'Student alone',
  description:
    'The student trains on the labels by itself: no teacher and no noise. It is the floor every distillation method should beat.',
  recipe: () => ({ ...NO_NOISE }),
};

import type { StudentSpec } from '../config/schema';
import type { MethodInfo } from './recipe';
import { NO_NOISE } from './recipe';

type Spec = Extract<StudentSpec, { method: 'messy-collaboration' }>;

export const messyCollaboration: MethodInfo<Spec> = {
  id: 'messy-collaboration',
  label: 'Messy Collaboration',
  description:
    'A random fraction r of labels is replaced by random classes, redrawn every batch: in the teacher’s training (T), the student’s label term (S), or both (TS). The paper claims this label noise acts as a regulariser and raises adversarial robustness.',
  recipe: (s) => ({
    ...NO_NOISE,
    kd: { temperature: s.temperature, alpha: s.alpha },
    studentLabelNoise: s.target === 'T' ? 0 : s.rate,
    teacherLabelNoise: s.target === 'S' ? 0 : s.rate,
  }),
};

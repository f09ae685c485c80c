// What each model learns from, in one sentence a class can follow (shown on a model's first epoch).
import type { StudentSpec } from '../../../core/config/schema';

export function teacherSentence(labelNoise: number): string {
  return labelNoise > 0
    ? `The teacher learns from labels of which ${Math.round(labelNoise * 100)} % are redrawn at random every batch; its students will distil from it.`
    : 'The teacher learns from the true labels alone; the students that distil will learn from its outputs next.';
}

const soft = (t: number) => `the teacher's soft targets (temperature ${t})`;

export function methodSentence(s: StudentSpec | null): string {
  if (!s) return '';
  switch (s.method) {
    case 'student-alone':
      return 'The student learns from the true labels only, with no teacher: the baseline for the other methods.';
    case 'gaussian-augmentation':
      return `The student sees its images with random noise added (σ = ${s.sigma}) and learns from the true labels, without a teacher.`;
    case 'hinton-kd':
      return `The student is learning ${soft(s.temperature)}, mixed with the true labels (α = ${s.alpha}).`;
    case 'fickle-teacher':
      return `The student is learning ${soft(s.temperature)} with the teacher's dropout left on, so each batch gets a slightly different, "fickle" teacher.`;
    case 'soft-randomization':
      return `The student sees noisy images (σ = ${s.sigma}) while the teacher sees clean ones, so it learns to answer like the teacher despite the noise (temperature ${s.temperature}).`;
    case 'messy-collaboration': {
      const who = s.target === 'S' ? 'the student' : s.target === 'T' ? 'the teacher' : 'both teacher and student';
      return `${Math.round(s.rate * 100)} % of the labels are redrawn at random every batch for ${who}; ${soft(s.temperature)} help it see past the wrong ones.`;
    }
    case 'custom':
      return customSentence(s);
  }
}

function customSentence(s: Extract<StudentSpec, { method: 'custom' }>): string {
  const parts: string[] = [];
  if (s.kd) parts.push(`${soft(s.temperature)}${s.fickle ? ' with its dropout left on' : ''}`);
  if (s.inputNoise === 'augment') parts.push(`noisy images (σ = ${s.sigma})`);
  if (s.inputNoise === 'soft-randomization')
    parts.push(`noisy images while the teacher sees clean ones (σ = ${s.sigma})`);
  if (s.studentLabelNoise > 0) parts.push(`${Math.round(s.studentLabelNoise * 100)} % of its labels redrawn at random`);
  if (s.kd && s.teacherLabelNoise > 0)
    parts.push(`a teacher trained on ${Math.round(s.teacherLabelNoise * 100)} % random labels`);
  return parts.length
    ? `A custom mix: the student learns from ${parts.join(', ')}.`
    : 'A custom mix with every noise source off: the student learns from the true labels alone.';
}

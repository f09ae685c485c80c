// Step-by-step mode's explanation of the epoch that just ended, in plain words: what changed (from the epoch
// metrics) and what the model is learning from (one sentence per method). Pure, so it is easy to read and test.
import type { ExperimentConfig, StudentSpec } from '../../../core/config/schema';
import type { EpochMetrics, PhaseInfo } from '../../../core/train/events';
import type { PlannedPhase } from '../../../core/train/plan';

export interface StepStory {
  /** "Epoch 2 of 4 · S2: Hinton KD" */
  heading: string;
  /** What the numbers did. */
  change: string;
  /** What the model learns from. */
  method: string;
  /** What comes after Continue. */
  next: string;
}

const p1 = (x: number) => `${(x * 100).toFixed(1)} %`;
const loss = (x: number) => (Math.abs(x) >= 0.01 ? x.toFixed(2) : x.toPrecision(2));

/** The latest finished epoch of the run (phases run in plan order, so it is the last model with epochs). */
export function explainLastEpoch(
  plan: PlannedPhase[],
  phases: Record<string, PhaseInfo>,
  epochs: Record<string, EpochMetrics[]>,
  cfg: ExperimentConfig | null,
): StepStory | null {
  let at = plan.length - 1;
  while (at >= 0 && !epochs[plan[at].id]?.length) at--;
  if (at < 0 || !cfg) return null;
  const model = plan[at];
  const list = [...epochs[model.id]].sort((a, b) => a.epoch - b.epoch);
  const now = list[list.length - 1];
  const before = list.length > 1 ? list[list.length - 2] : null;
  const label = phases[model.id]?.label ?? model.label;
  const total = phases[model.id]?.epochs ?? model.epochs;
  const following = plan[at + 1];
  return {
    heading: `Epoch ${now.epoch} of ${total} · ${label}`,
    change: describeChange(now, before),
    method: model.kind === 'teacher' ? teacherSentence(model.labelNoise) : methodSentence(studentOf(model.id, cfg)),
    next:
      now.epoch < total
        ? `Next: epoch ${now.epoch + 1} of ${total}.`
        : following
          ? `This model is finished. Next: ${phases[following.id]?.label ?? following.label}.`
          : 'This was the last model.',
  };
}

function describeChange(now: EpochMetrics, before: EpochMetrics | null): string {
  if (!before) {
    return (
      `Test accuracy ${p1(now.testAcc)} after its first pass over the training images (guessing scores 10 %); ` +
      `training loss ${loss(now.trainLoss)}.`
    );
  }
  const points = (now.testAcc - before.testAcc) * 100;
  const sign = points >= 0 ? '+' : '−';
  return (
    `Test accuracy ${p1(before.testAcc)} → ${p1(now.testAcc)} (${sign}${Math.abs(points).toFixed(1)} points); ` +
    `training loss ${loss(before.trainLoss)} → ${loss(now.trainLoss)}.`
  );
}

function studentOf(id: string, cfg: ExperimentConfig): StudentSpec | null {
  const m = /^student-(\d+)$/.exec(id);
  return m ? (cfg.students[Number(m[1]) - 1] ?? null) : null;
}

function teacherSentence(labelNoise: number): string {
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

// Which models a config trains, in what order: one teacher per distinct teacher label-noise rate among the
// distilling students (trained once, shared), then every student. tfjs-free, so the UI can show the plan too.
import type { ExperimentConfig, ModelSpec, StudentSpec } from '../config/schema';
import { recipeOf, studentLabel } from '../methods';
import { NO_NOISE, type Recipe } from '../methods/recipe';
import { describeModel } from '../nn/paramCount';
import type { PhaseInfo } from './events';

export interface PlannedPhase {
  id: string;
  label: string;
  kind: 'teacher' | 'student';
  method: string;
  spec: ModelSpec;
  epochs: number;
  recipe: Recipe;
  /** Label-noise rate on this model's CE labels. */
  labelNoise: number;
  /** For students that distil: the id of their teacher phase. */
  teacherId: string | null;
}

/** Which teachers to train (one per distinct label-noise rate among distilling students) and in what order. */
export function planPhases(cfg: ExperimentConfig): PlannedPhase[] {
  const teachers = new Map<number, PlannedPhase>();
  const students: PlannedPhase[] = cfg.students.map((s: StudentSpec, i) => {
    const recipe = recipeOf(s);
    let teacherId: string | null = null;
    if (recipe.kd) {
      const r = recipe.teacherLabelNoise;
      if (!teachers.has(r)) {
        const id = teachers.size === 0 && r === 0 ? 'teacher' : `teacher-r${r}`;
        teachers.set(r, {
          id,
          label: r === 0 ? 'Teacher' : `Teacher (labels corrupted, r=${r})`,
          kind: 'teacher',
          method: r === 0 ? 'teacher' : 'teacher (messy labels)',
          spec: cfg.teacher.model,
          epochs: cfg.teacher.epochs,
          recipe: NO_NOISE,
          labelNoise: r,
          teacherId: null,
        });
      }
      teacherId = teachers.get(r)!.id;
    }
    return {
      id: `student-${i + 1}`,
      label: `S${i + 1}: ${studentLabel(s)}`,
      kind: 'student',
      method: s.method,
      spec: cfg.student.model,
      epochs: cfg.student.epochs,
      recipe,
      labelNoise: recipe.studentLabelNoise,
      teacherId,
    };
  });
  return [...teachers.values(), ...students];
}

/** What the UI is told when a phase starts (or is replayed after a resume): one builder for trainer and worker. */
export function phaseInfo(
  phase: PlannedPhase,
  at: { index: number; total: number; stepsPerEpoch: number; params: number; reused?: boolean; resumed?: boolean },
): PhaseInfo {
  return {
    id: phase.id,
    label: phase.label,
    kind: phase.kind,
    method: phase.method,
    architecture: describeModel(phase.spec),
    params: at.params,
    epochs: phase.epochs,
    stepsPerEpoch: at.stepsPerEpoch,
    index: at.index,
    total: at.total,
    reused: !!at.reused,
    ...(at.resumed ? { resumed: true } : {}),
  };
}

/**
 * What a teacher phase depends on in the config (the worker's cache key adds a fingerprint of the images; a study's
 * estimate uses it alone to count a teacher an earlier cell already trained).
 */
export function teacherIdentity(cfg: ExperimentConfig, p: PlannedPhase) {
  const { data, seed, optimizer, schedule, batchSize } = cfg;
  return {
    id: p.id,
    data,
    seed,
    model: p.spec,
    epochs: p.epochs,
    labelNoise: p.labelNoise,
    optimizer,
    schedule,
    batchSize,
  };
}

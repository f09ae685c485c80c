// The Δ column: which model each student is compared with (docs/design.md §1). Pairs come from one config, so the
// reference trained on the same seed, data order and (for distillers) the same teacher.
import type { ExperimentConfig, StudentSpec } from '../config/schema';
import { planPhases } from '../train/plan';

export interface Reference {
  modelId: string;
  /** The reference's phase id, or null when the study lacks it (then `reason` says why). */
  refId: string | null;
  /** Short name of the reference method, e.g. "Hinton KD". */
  refName: string;
  reason?: string;
}

/** Students that have no reference, and why (shown instead of a Δ). */
export interface NoReference {
  modelId: string;
  reason: string;
}

const sameKd = (a: StudentSpec, b: StudentSpec) =>
  'temperature' in a && 'temperature' in b && a.temperature === b.temperature && a.alpha === b.alpha;

/** Every student's references (Messy Collaboration has two) and the students that have none. */
export function referencesOf(cfg: ExperimentConfig): { refs: Reference[]; none: NoReference[] } {
  const phases = planPhases(cfg).filter((p) => p.kind === 'student');
  const students = cfg.students.map((spec, i) => ({ spec, phase: phases[i] }));
  const refs: Reference[] = [];
  const none: NoReference[] = [];
  const find = (pred: (s: StudentSpec) => boolean) => students.find((x) => pred(x.spec));
  const add = (modelId: string, refName: string, found: { phase: { id: string } } | undefined, missing: string) =>
    refs.push(
      found
        ? { modelId, refId: found.phase.id, refName }
        : { modelId, refId: null, refName, reason: `no ${missing} in this study` },
    );
  for (const { spec: s, phase } of students) {
    const id = phase.id;
    switch (s.method) {
      case 'hinton-kd':
        add(
          id,
          'Student alone',
          find((x) => x.method === 'student-alone'),
          'Student alone',
        );
        break;
      case 'fickle-teacher': {
        // Hinton KD from the same (clean-label) teacher with the same T and α, dropout off while distilling.
        const ref = students.find(
          (x) => x.spec.method === 'hinton-kd' && sameKd(x.spec, s) && x.phase.teacherId === phase.teacherId,
        );
        add(id, 'Hinton KD', ref, `Hinton KD student with the same T and α`);
        break;
      }
      case 'soft-randomization':
        add(
          id,
          'Gaussian augmentation',
          find((x) => x.method === 'gaussian-augmentation' && x.sigma === s.sigma && x.clip === s.clip),
          `Gaussian augmentation student at σ=${s.sigma}${s.clip ? ' (clipped)' : ''}`,
        );
        break;
      case 'messy-collaboration':
        add(
          id,
          'Hinton KD',
          find((x) => x.method === 'hinton-kd' && sameKd(x, s)),
          'Hinton KD student with the same T and α',
        );
        add(
          id,
          'Student alone',
          find((x) => x.method === 'student-alone'),
          'Student alone',
        );
        break;
      case 'student-alone':
        none.push({ modelId: id, reason: 'baseline: the reference of Hinton KD and Messy Collaboration' });
        break;
      case 'gaussian-augmentation':
        none.push({ modelId: id, reason: 'baseline: the reference of Soft Randomization at the same σ' });
        break;
      case 'custom':
        none.push({ modelId: id, reason: 'custom recipe: no fixed reference' });
        break;
    }
  }
  return { refs, none };
}

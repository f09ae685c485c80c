// The glossary of the symbols the form and the results use (exact definitions: docs/design.md §1), shared by the
// help dialog and the info buttons by the fields, and which config fields each term explains.

export type GlossaryTerm = 'KD' | 'T' | 'α' | 'σ' | 'r' | 'ε' | 'PGD' | 'Δ';

export const GLOSSARY: readonly (readonly [GlossaryTerm, string])[] = [
  ['KD', 'knowledge distillation: the student learns from the teacher’s softened outputs as well as the labels.'],
  [
    'T',
    'temperature: the teacher’s and student’s logits are divided by T before the softmax; higher T gives softer targets.',
  ],
  ['α', 'weight of the distillation loss; 1 − α weighs the cross-entropy on the true labels.'],
  ['σ', 'standard deviation of the Gaussian noise added to the inputs (pixels in [0, 1]).'],
  ['r', 'label-corruption rate: the share of labels redrawn at random in every batch (Messy Collaboration).'],
  ['ε', 'attack budget: how far (L∞, in pixel units) an adversarial image may move from the original.'],
  ['PGD', 'projected gradient descent: the attack takes several small signed-gradient steps and stays within ε.'],
  ['Δ', 'a model minus its reference, seed by seed, with the 95 % interval of the mean difference.'],
];

const TEXT = new Map<GlossaryTerm, string>(GLOSSARY);

export const glossaryText = (term: GlossaryTerm): string => TEXT.get(term) ?? '';

/**
 * The last segment of a config path → the term it denotes. By suffix, so every form that names its fields by
 * config path (students[i].temperature, attack.eps, lab.steps) gets its info button without knowing of it.
 */
const BY_KEY: Record<string, GlossaryTerm> = {
  kd: 'KD',
  temperature: 'T',
  alpha: 'α',
  sigma: 'σ',
  rate: 'r',
  studentLabelNoise: 'r',
  teacherLabelNoise: 'r',
  eps: 'ε',
  epsilon: 'ε',
  steps: 'PGD',
  stepSize: 'PGD',
  afterRun: 'PGD',
};

/** The glossary term a field's config path denotes, or null. Steps and step sizes are PGD's only in an attack. */
export function glossaryTermFor(path: string): GlossaryTerm | null {
  const key = path.split('.').pop() ?? '';
  const term = Object.hasOwn(BY_KEY, key) ? BY_KEY[key] : null;
  if (term === 'PGD' && !/^(attack|lab)\./.test(path)) return null;
  return term;
}

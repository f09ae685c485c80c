// A method is a recipe of independent noise sources. The trainer only reads recipes, so methods compose
// (e.g. Fickle Teacher + Soft Randomization via 'custom') without special code.
export interface InputNoise {
  /** 'augment': CE on the noisy input, no teacher. 'soft-randomization': teacher sees clean x. */
  mode: 'augment' | 'soft-randomization';
  sigma: number;
  clip: boolean;
  /** Put the CE term on s(x) instead of s(x̃) (Soft Randomization option). */
  ceOnClean: boolean;
}

export interface Recipe {
  /** Hinton KD term; null trains on labels only. */
  kd: { temperature: number; alpha: number } | null;
  /** Teacher dropout stays on (fresh mask per query) while distilling; BN stays in inference mode. */
  fickle: boolean;
  inputNoise: InputNoise | null;
  /** Probability that a sample's CE label is replaced by a uniform class, redrawn every batch. */
  studentLabelNoise: number;
  /** Same, for the teacher's training labels (Messy Collaboration T / TS). */
  teacherLabelNoise: number;
}

export const NO_NOISE: Recipe = {
  kd: null,
  fickle: false,
  inputNoise: null,
  studentLabelNoise: 0,
  teacherLabelNoise: 0,
};

export interface MethodInfo<S> {
  id: string;
  label: string;
  /** Two or three plain sentences: what noise, where, what the paper claims. */
  description: string;
  recipe(spec: S): Recipe;
}

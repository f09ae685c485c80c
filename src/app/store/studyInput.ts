// The study controls' text (seeds, sweep parameter and values) and what it means for the draft: the StudySpec
// it writes, or the messages shown under the controls. Pure, so the config slice can re-check it on every edit
// (removing the only Soft Randomization student makes a σ sweep change nothing).
import type { ExperimentConfig } from '../../core/config/schema';
import {
  checkStudy,
  parseSeeds,
  parseSweep,
  SWEEP_PARAMS,
  type StudySpec,
  type Sweep,
  type SweepParam,
} from '../../core/study';

export interface StudyInput {
  /** "3", "1,2,3", "1-5"; empty: one run with the Seed field's seed. */
  seeds: string;
  /** '' for no sweep. */
  param: SweepParam | '';
  /** "0.05, 0.1, 0.2". */
  values: string;
}

export interface StudyErrors {
  seeds?: string;
  sweep?: string;
}

export const NO_STUDY_INPUT: StudyInput = { seeds: '', param: '', values: '' };

/** [1,2,3,7] → "1-3, 7". */
export function formatSeeds(seeds: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < seeds.length;) {
    let j = i;
    while (j + 1 < seeds.length && seeds[j + 1] === seeds[j] + 1) j++;
    parts.push(j > i ? `${seeds[i]}-${seeds[j]}` : String(seeds[i]));
    i = j + 1;
  }
  // A single bare number would read as a count ("3" is seeds 1, 2, 3): one seed alone is "7-7".
  return parts.length === 1 && !parts[0].includes('-') ? `${parts[0]}-${parts[0]}` : parts.join(', ');
}

/** The controls' text for a study found in the draft (a link, the JSON editor, a preset, Undo). */
export function inputOf(study: StudySpec | undefined, seed: number): StudyInput {
  if (!study) return NO_STUDY_INPUT;
  // A sweep over the Seed field's one seed leaves Seeds empty, so the Seed field stays in charge.
  const ownSeed = study.sweep && study.seeds.length === 1 && study.seeds[0] === seed;
  return {
    seeds: ownSeed ? '' : formatSeeds(study.seeds),
    param: study.sweep?.param ?? '',
    values: study.sweep ? study.sweep.values.join(', ') : '',
  };
}

/** The message without the parser's echo of the text (the control shows the text itself). */
const own = (error: string) => error.replace(/^(seeds|sweep) ".*?": /s, '');

export interface StudyRead {
  /** The study the text means (undefined: no study), or null when the text has errors (the draft keeps its own). */
  study: StudySpec | undefined | null;
  errors: StudyErrors;
}

/** What the controls say, checked against the draft: every cell's config must be valid and the sweep must matter. */
export function readStudyInput(input: StudyInput, draft: ExperimentConfig, draftValid: boolean): StudyRead {
  const errors: StudyErrors = {};
  let seeds: number[] = [draft.seed];
  // The Seed field mid-edit (empty, 0): it shows its own message; the study waits for a usable seed.
  const seedOk = Number.isInteger(draft.seed) && draft.seed >= 1;
  if (input.seeds.trim()) {
    const r = parseSeeds(input.seeds);
    if (r.ok) seeds = r.value;
    else errors.seeds = own(r.error);
  }
  let sweep: Sweep | undefined;
  if (input.param) {
    if (!input.values.trim()) errors.sweep = 'give the values to try, e.g. 0.05, 0.1, 0.2';
    else {
      const r = parseSweep(`${input.param}=${input.values}`);
      if (r.ok) sweep = r.value;
      else errors.sweep = own(r.error);
    }
  }
  if (sweep && draftValid) {
    // "changes nothing" and values out of a field's range (whatever the seeds); an invalid base config is
    // reported by validation.
    const { study: _, ...base } = draft;
    const problem = checkStudy(base, { seeds: [1], sweep });
    if (problem) errors.sweep = problem;
  }
  const study: StudySpec | undefined = !input.seeds.trim() && !sweep ? undefined : sweep ? { seeds, sweep } : { seeds };
  // Text with errors, or the Seed field mid-edit: the draft keeps its study until the text means one.
  if (errors.seeds || (errors.sweep && !sweep)) return { study: null, errors };
  if (study && !input.seeds.trim() && !seedOk) return { study: null, errors };
  return { study, errors };
}

export function sameStudy(a: StudySpec | undefined, b: StudySpec | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The draft with this study (or without one). */
export function withStudy(draft: ExperimentConfig, study: StudySpec | undefined): ExperimentConfig {
  const { study: _, ...rest } = draft;
  return study ? { ...rest, study } : rest;
}

export const isSweepParam = (v: string): v is SweepParam => (SWEEP_PARAMS as readonly string[]).includes(v);

// The step-by-step card's words and the run summary. A run is played through as the store sees it (events.ts):
// per cell the phases in plan order, each epoch's metrics, the phase's result, the cell's outcome; the story is read
// after every epoch, as a pause shows it, and the summary when the run is done.
import { describe, expect, it } from 'vitest';
import { defaultConfig, defaultStudent } from '../../../core/config/defaults';
import { experimentConfig, METHOD_IDS, type ExperimentConfig } from '../../../core/config/schema';
import {
  cellConfig,
  modelRecords,
  studyCells,
  studyOf,
  type CellOutcome,
  type StudySummary,
} from '../../../core/study';
import type { EpochMetrics, ModelResult, PhaseInfo } from '../../../core/train/events';
import { phaseInfo, planPhases } from '../../../core/train/plan';
import { studySummary } from '../study/summary';
import { methodSentence } from './methodSentences';
import { summarizeRun, type RunSummaryText } from './runSummary';
import { explainLastEpoch, type RunView, type StepStory } from './stepExplanation';
import { isLevel, relText } from './stepText';

const m = (id: string, epoch: number, testAcc: number, trainLoss: number): EpochMetrics => ({
  id,
  epoch,
  testAcc,
  trainLoss,
  trainAcc: testAcc + 0.005,
  testLoss: trainLoss * 1.2,
  seconds: 3.2,
  imgPerSec: 2500,
});

/** Three students (the lead's classroom example): Student alone, Hinton KD, Fickle Teacher; 4 epochs each. */
function threeStudents(seeds?: number[]): ExperimentConfig {
  return experimentConfig.parse({
    ...defaultConfig(),
    students: [{ method: 'student-alone' }, { method: 'hinton-kd' }, { method: 'fickle-teacher' }],
    ...(seeds ? { study: { seeds } } : {}),
  });
}

// Seed 1's test accuracy per epoch: S1 dips at epoch 3, S2 is level with S1 at epoch 2.
const CURVES: Record<string, number[]> = {
  teacher: [0.951, 0.972, 0.981, 0.985],
  'student-1': [0.921, 0.957, 0.955, 0.972],
  'student-2': [0.93, 0.957, 0.968, 0.976],
  'student-3': [0.934, 0.961, 0.972, 0.98],
};
const LOSS = [0.52, 0.25, 0.16, 0.13];
const ORDER = ['teacher', 'student-1', 'student-2', 'student-3'];
/** Seeds move each model by a few tenths of a point, differently per model. */
const offset = (id: string, seed: number) =>
  (((seed * 7 + ORDER.indexOf(id) * 3) % 5) - 2) * 0.001 * (seed > 1 ? 1 : 0);
const accAt = (id: string, seed: number, epoch: number) => CURVES[id][epoch - 1] + offset(id, seed);

interface Played {
  stories: StepStory[];
  /** The store when the run is done. */
  done: RunView;
  summary: RunSummaryText | null;
  study: StudySummary | null;
}

/** Plays the run through the store's event handling; the story after every epoch, the summary at the end. */
function play(cfg: ExperimentConfig): Played {
  const spec = studyOf(cfg);
  const view: RunView = { cfg, phases: {}, epochs: {}, results: [], cell: null, outcomes: [] };
  const stories: StepStory[] = [];
  for (const cell of studyCells(spec)) {
    const made = cellConfig(cfg, cell, spec.sweep);
    if (!made.ok) throw new Error(made.error);
    const plan = planPhases(made.config);
    Object.assign(view, { cell, phases: {}, epochs: {}, results: [] }); // 'cell': the live series start afresh
    const results: ModelResult[] = [];
    plan.forEach((p, index) => {
      const info: PhaseInfo = phaseInfo(p, { index, total: plan.length, stepsPerEpoch: 125, params: 20_000 });
      view.phases = { ...view.phases, [p.id]: info };
      const history: EpochMetrics[] = [];
      for (let e = 1; e <= p.epochs; e++) {
        history.push(m(p.id, e, accAt(p.id, cell.seed, e), LOSS[e - 1] + ORDER.indexOf(p.id) * 0.01));
        view.epochs = { ...view.epochs, [p.id]: [...history] };
        const story = explainLastEpoch(view);
        expect(story?.heading).toContain(`Epoch ${e} of ${p.epochs} · ${p.label}`);
        stories.push(story!);
      }
      const last = history.at(-1)!;
      results.push({
        ...last,
        label: p.label,
        kind: p.kind,
        method: p.method,
        architecture: info.architecture,
        params: 20_000,
        seconds: 13,
        history,
      });
      view.results = [...results];
    });
    const outcome: CellOutcome = { cell, models: modelRecords(results, null), results, seconds: 52, robust: null };
    view.outcomes = [...view.outcomes, outcome];
  }
  const study = studySummary(cfg, view.outcomes);
  return { stories, done: view, summary: summarizeRun(view, study), study };
}

const sentences = (text: string) => text.split(/(?<=[.)])\s+(?=[A-Z0-9])/).filter(Boolean);
const allSentences = (p: Played) => [
  ...p.stories.flatMap((s) => [s.heading, ...s.lines.flatMap(sentences), s.next]),
  ...(p.summary ? [p.summary.heading, ...p.summary.lines.flatMap(sentences)] : []),
];
const storyAt = (p: Played, label: string, epoch: number, seed?: number) =>
  p.stories.find(
    (s) =>
      s.heading.startsWith(`Epoch ${epoch} of 4 · ${label}`) &&
      (seed === undefined || s.heading.endsWith(`seed ${seed}`)),
  )!;

describe('step-by-step explanation', () => {
  const one = play(threeStudents());

  it('compares a student with the students trained before it at the same epoch, its reference first', () => {
    const s3 = storyAt(one, 'S3: Fickle Teacher', 2);
    expect(s3.lines[1]).toBe(
      'After epoch 2, Fickle Teacher (S3) is 0.4 points above Hinton KD (S2) at the same epoch (96.1 % vs 95.7 %). ' +
        'It is 0.4 points above Student alone (S1), which had 95.7 %.',
    );
    // S2's reference is Student alone; at epoch 2 they are level.
    expect(storyAt(one, 'S2: Hinton KD', 2).lines[1]).toBe(
      'After epoch 2, Hinton KD (S2) is level with Student alone (S1) at the same epoch (95.7 % vs 95.7 %).',
    );
    // The teacher and the first student have nobody to be compared with.
    expect(storyAt(one, 'Teacher', 2).lines.join(' ')).not.toMatch(/same epoch/);
    expect(storyAt(one, 'S1: Student alone', 2).lines.join(' ')).not.toMatch(/same epoch/);
  });

  it('says "level with" under 0.05 points and never shows a non-level gap as 0.0', () => {
    expect(isLevel(0.97705, 0.9771)).toBe(true);
    expect(relText(0.9771, 0.97705, 'Hinton KD (S2)')).toBe('level with Hinton KD (S2)');
    expect(relText(0.9776, 0.977, 'Hinton KD (S2)')).toBe('0.1 points above Hinton KD (S2)');
    expect(relText(0.962, 0.981, 'the teacher')).toBe('1.9 points below the teacher');
  });

  it('says what changed since the previous epoch: up, a dip, the loss', () => {
    const rise = storyAt(one, 'S2: Hinton KD', 3).lines[0];
    expect(rise).toMatch(/1\.1 points/);
    expect(rise).toMatch(/95\.7 %/);
    expect(rise).toMatch(/96\.8 %/);
    expect(rise).toMatch(/0\.18/); // S2's training loss after epoch 3
    const dip = storyAt(one, 'S1: Student alone', 3);
    expect(dip.lines[0]).toMatch(/dipped 0\.2 points|0\.2 points lower|−0\.2 points/);
    expect(dip.lines.at(-1)).toBe(
      'A small dip from one epoch to the next is normal: training takes small, noisy steps.',
    );
    expect(storyAt(one, 'Teacher', 1).lines[0]).toBe(
      'Test accuracy 95.1 % after its first pass over the training images (guessing would score 10 %); training loss 0.52.',
    );
  });

  it('gives the method sentence on a model’s first epoch only, and other sentences later', () => {
    const hinton = methodSentence(threeStudents().students[1]);
    const where = one.stories.filter((s) => s.lines.includes(hinton)).map((s) => s.heading);
    expect(where).toEqual(['Epoch 1 of 4 · S2: Hinton KD']);
    const later = storyAt(one, 'S2: Hinton KD', 2).lines[2];
    expect(later).not.toBe(hinton);
    expect(later.length).toBeGreaterThan(20);
    expect(storyAt(one, 'S3: Fickle Teacher', 4).lines[2]).toBe(
      'That was its last epoch: 98.0 % is the final test accuracy of Fickle Teacher (S3).',
    );
  });

  it('gives the one-seed caveat once per run, at the first comparison', () => {
    const caveat = 'One seed: differences this small can come from the seed alone.';
    const with_ = one.stories.filter((s) => s.lines.some((l) => l.includes(caveat)));
    expect(with_.map((s) => s.heading)).toEqual(['Epoch 1 of 4 · S2: Hinton KD']);
  });

  it('never repeats a sentence within a run: one seed, and a study of three seeds', () => {
    const study = play(threeStudents([1, 2, 3]));
    for (const run of [one, study]) {
      const all = allSentences(run);
      expect(all.length).toBeGreaterThan(run === one ? 60 : 180);
      const repeated = all.filter((x, i) => all.indexOf(x) !== i);
      expect(repeated).toEqual([]);
      // Compact: at most three lines per epoch, under ~5 short lines on screen.
      for (const s of run.stories) {
        expect(s.lines.length).toBeLessThanOrEqual(3);
        expect(s.lines.join(' ').length).toBeLessThan(420);
      }
    }
  });

  it('with several seeds compares on the same seed and says so, caveat once', () => {
    const study = play(threeStudents([1, 2, 3]));
    const s3 = storyAt(study, 'S3: Fickle Teacher', 2, 2);
    expect(s3.heading).toBe('Epoch 2 of 4 · S3: Fickle Teacher · seed 2');
    // Seed 2: Fickle 96.1 + 0.1, Hinton 95.7 − 0.2.
    expect(s3.lines[1]).toMatch(
      /^After epoch 2 on seed 2, Fickle Teacher \(S3\) is 0\.7 points above Hinton KD \(S2\) on the same seed \(96\.2 % vs 95\.5 %\)\./,
    );
    const caveats = allSentences(study).filter((x) => x.includes('one seed of 3'));
    expect(caveats).toEqual(['That is one seed of 3: the summary at the end compares them over all seeds.']);
    // Later seeds do not repeat the method sentence: the model starts again.
    expect(storyAt(study, 'S2: Hinton KD', 1, 3).lines[2]).toBe(
      'Hinton KD (S2) starts again from new random weights for seed 3.',
    );
  });

  it('names what comes next, and says nothing before any epoch', () => {
    expect(storyAt(one, 'S2: Hinton KD', 2).next).toMatch(/^Next: (Hinton KD \(S2\), )?epoch 3 of 4\.$/);
    expect(storyAt(one, 'Teacher', 4).next).toBe('The teacher is finished; next: Student alone (S1).');
    expect(storyAt(one, 'S3: Fickle Teacher', 4).next).toBe(
      'This was the last model; the summary follows when the run is done.',
    );
    const cfg = threeStudents();
    expect(explainLastEpoch({ cfg, phases: {}, epochs: {}, results: [], cell: null, outcomes: [] })).toBeNull();
    expect(explainLastEpoch({ cfg: null, phases: {}, epochs: {}, results: [], cell: null, outcomes: [] })).toBeNull();
  });

  it('has a sentence for every method', () => {
    for (const id of METHOD_IDS) expect(methodSentence(defaultStudent(id)).length).toBeGreaterThan(20);
  });
});

describe('run summary', () => {
  it('one seed: each student against the teacher and its reference, with the caveat', () => {
    const { summary } = play(threeStudents());
    expect(summary!.heading).toBe('Run finished: final test accuracy');
    expect(summary!.lines.slice(0, 4)).toEqual([
      'The teacher reached 98.5 % test accuracy.',
      'Student alone (S1): 97.2 %, 1.3 points below the teacher.',
      'Hinton KD (S2): 97.6 %, 0.9 points below the teacher and 0.4 points above Student alone (S1).',
      'Fickle Teacher (S3): 98.0 %, 0.5 points below the teacher and 0.4 points above Hinton KD (S2).',
    ]);
    expect(summary!.lines.at(-1)).toMatch(/^This is one seed: gaps this small can come from the seed alone/);
    expect(summary!.lines.join(' ')).not.toMatch(/Claim/);
  });

  it('a student without a reference is compared with Student alone', () => {
    const cfg = experimentConfig.parse({
      ...defaultConfig(),
      students: [{ method: 'student-alone' }, { method: 'gaussian-augmentation', sigma: 0.2 }],
    });
    const view: RunView = {
      cfg,
      phases: {},
      epochs: {},
      results: [
        { id: 'student-1', testAcc: 0.972 },
        { id: 'student-2', testAcc: 0.964 },
      ],
      cell: null,
      outcomes: [],
    };
    expect(summarizeRun(view, null)!.lines).toContain(
      'Gaussian augmentation σ=0.2 (S2): 96.4 %, 0.8 points below Student alone (S1).',
    );
  });

  it('several seeds: the study’s means, paired differences and the claims’ verdicts', () => {
    const { summary, study } = play(threeStudents([1, 2, 3]));
    expect(study!.seeds).toEqual([1, 2, 3]);
    expect(summary!.heading).toBe('Study finished: averages over 3 seeds');
    const text = summary!.lines;
    // Fickle − Hinton per seed: +0.4, +0.7, +0.2 points → mean +0.43, better on 3 of 3, the interval holds 0.
    expect(text).toContain(
      'Claim 1 (Fickle Teacher above Hinton KD on clean test accuracy): not seen here; +0.43 points on average, better on 3 of 3 seeds.',
    );
    expect(text).toContain('Not tested in this study: claims 2 and 3 (the claims panel says what they need).');
    const fickle = text.find((l) => l.startsWith('Fickle Teacher (S3):'))!;
    expect(fickle).toMatch(
      /\+0\.43 points vs Hinton KD \(S2\) \(better on 3 of 3 seeds, but within the seed-to-seed spread\)/,
    );
    expect(text.find((l) => l.startsWith('The teacher averaged'))).toMatch(
      /^The teacher averaged 98\.\d % test accuracy\.$/,
    );
    expect(text.join(' ')).not.toMatch(/This is one seed/);
  });

  it('is null before any model finished', () => {
    const cfg = threeStudents();
    expect(summarizeRun({ cfg, phases: {}, epochs: {}, results: [], cell: null, outcomes: [] }, null)).toBeNull();
  });
});

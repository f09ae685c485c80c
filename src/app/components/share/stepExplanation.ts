// Step-by-step mode's explanation of the epoch that just ended, in plain words: what changed since this model's
// previous epoch, how it compares with the students trained before it at the same epoch (phases run in plan order),
// and one more sentence that changes from epoch to epoch (what it learns from on its first epoch, then progress,
// the learning rate or the gap to the teacher). Pure.
//
// No sentence is said twice in a run: the latest epoch's story is told after replaying every earlier epoch of the
// run (finished cells, then the current one) with one memory of what was said, so a sentence an earlier pause
// showed gives way to another wording or is left out. Each story depends only on what was known at its epoch,
// so the replay repeats exactly what the earlier pauses showed.
import type { ExperimentConfig } from '../../../core/config/schema';
import {
  cellConfig,
  referencesOf,
  studyCells,
  studyOf,
  sweepValueText,
  type Cell,
  type CellOutcome,
  type Reference,
} from '../../../core/study';
import type { EpochMetrics, ModelResult, PhaseInfo } from '../../../core/train/events';
import { planPhases, type PlannedPhase } from '../../../core/train/plan';
import { learningRateAt } from '../../../core/train/schedule';
import { methodSentence, teacherSentence } from './methodSentences';
import { fresh, isLevel, lossText, modelName, pctText, pointsText, relText } from './stepText';

export { methodSentence } from './methodSentences';

export interface StepStory {
  /** "Epoch 2 of 4 · S2: Hinton KD" (· seed 7 in a study of several cells). */
  heading: string;
  /** What changed; the comparison with earlier students; one sentence more. Two to three lines. */
  lines: string[];
  /** What comes after Continue. */
  next: string;
}

/** What the store holds about the run (the current cell's epochs and results, the finished cells). */
export interface RunView {
  cfg: ExperimentConfig | null;
  phases: Record<string, PhaseInfo>;
  epochs: Record<string, EpochMetrics[]>;
  results: readonly Pick<ModelResult, 'id' | 'testAcc'>[];
  /** The cell in progress (null before the first, or for a run without cells: then it is the config's seed). */
  cell: Pick<Cell, 'index' | 'seed' | 'value'> | null;
  outcomes: readonly CellOutcome[];
}

/** One cell of the run as the stories read it. */
export interface CellRun {
  cell: Pick<Cell, 'index' | 'seed' | 'value'>;
  cfg: ExperimentConfig;
  plan: PlannedPhase[];
  refs: Reference[];
  /** Per model id, sorted by epoch. */
  epochs: Record<string, EpochMetrics[]>;
  /** Final test accuracy of the models finished in this cell. */
  finals: Record<string, number>;
  labels: Record<string, string>;
  valueText: string;
}

interface Ctx {
  said: Set<string>;
  /** Seeds in the study: with several, comparisons name the seed they share. */
  seeds: number;
  cells: Pick<Cell, 'index' | 'seed' | 'value'>[];
}

/** The latest finished epoch's story (the last model with epochs, in the last cell that has any). */
export function explainLastEpoch(view: RunView): StepStory | null {
  const runs = cellRuns(view);
  if (!runs) return null;
  const ctx: Ctx = { said: new Set(), seeds: studyOf(view.cfg!).seeds.length, cells: studyCells(studyOf(view.cfg!)) };
  let last: StepStory | null = null;
  for (const run of runs)
    for (let at = 0; at < run.plan.length; at++)
      for (let k = 0; k < (run.epochs[run.plan[at].id]?.length ?? 0); k++) last = tell(ctx, run, at, k);
  return last;
}

/** The run's cells in order: the finished ones before the current cell, then the current one. */
export function cellRuns(view: RunView): CellRun[] | null {
  const cfg = view.cfg;
  if (!cfg) return null;
  const current = view.cell ?? { index: 0, seed: cfg.seed, value: null };
  const past = [...view.outcomes]
    .filter((o) => o.cell.index < current.index)
    .sort((a, b) => a.cell.index - b.cell.index)
    .map((o) =>
      cellRun(
        cfg,
        o.cell,
        Object.fromEntries(o.results.map((r) => [r.id, r.history])),
        o.results,
        Object.fromEntries(o.results.map((r) => [r.id, r.label])),
      ),
    );
  const labels = Object.fromEntries(Object.values(view.phases).map((p) => [p.id, p.label]));
  return [...past, cellRun(cfg, current, view.epochs, view.results, labels)];
}

function cellRun(
  base: ExperimentConfig,
  cell: CellRun['cell'],
  epochs: Record<string, EpochMetrics[]>,
  results: readonly Pick<ModelResult, 'id' | 'testAcc'>[],
  labels: Record<string, string>,
): CellRun {
  const spec = studyOf(base);
  const made = cellConfig(base, cell, spec.sweep);
  const cfg = made.ok ? made.config : base;
  const plan = planPhases(cfg);
  return {
    cell,
    cfg,
    plan,
    refs: referencesOf(cfg).refs,
    epochs: Object.fromEntries(
      Object.entries(epochs).map(([id, list]) => [id, [...list].sort((a, b) => a.epoch - b.epoch)]),
    ),
    finals: Object.fromEntries(results.map((r) => [r.id, r.testAcc])),
    labels: Object.fromEntries(plan.map((p) => [p.id, labels[p.id] ?? p.label])),
    valueText: sweepValueText(spec.sweep ?? null, cell.value),
  };
}

function tell(ctx: Ctx, run: CellRun, at: number, k: number): StepStory {
  const model = run.plan[at];
  const list = run.epochs[model.id];
  const now = list[k];
  const before = k > 0 ? list[k - 1] : null;
  const where = ctx.cells.length > 1 ? ` · seed ${run.cell.seed}${run.valueText ? `, ${run.valueText}` : ''}` : '';
  const lines = [
    changeLine(ctx, run, at, now, before),
    compareLine(ctx, run, at, now, k === 0),
    contextLine(ctx, run, at, now, before, k === 0),
  ].filter((l): l is string => !!l);
  return {
    heading: `Epoch ${now.epoch} of ${model.epochs} · ${run.labels[model.id]}${where}`,
    lines,
    next: nextText(ctx, run, at, now),
  };
}

/** "Hinton KD (S2)", "the teacher". */
const nameOf = (run: CellRun, id: string) => modelName(run.labels[id]).replace(/^Teacher\b/, 'the teacher');
const upper = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);
/**
 * The sentence again with its cell at the end ("… (seed 2)."), where the run has several cells: a later seed may
 * need a sentence an earlier seed already said.
 */
function inCell(ctx: Ctx, run: CellRun, sentence: string): string | null {
  if (ctx.cells.length < 2) return null;
  return `${sentence.replace(/\.$/, '')} (seed ${run.cell.seed}${run.valueText ? `, ${run.valueText}` : ''}).`;
}
/** Every plain wording first, then each in its cell's words. */
const options = (ctx: Ctx, run: CellRun, plain: (string | null | undefined)[]) => [
  ...plain,
  ...plain.map((x) => (x ? inCell(ctx, run, x) : null)),
];

/** The training loss the text quotes: clean cross-entropy on the true labels where measured, the same quantity
 * for every model (the per-step objective differs by method, so a KD student's would look lower than it is). */
const trainCE = (m: EpochMetrics) => m.cleanTrainLoss ?? m.trainLoss;

function changeLine(ctx: Ctx, run: CellRun, at: number, now: EpochMetrics, before: EpochMetrics | null) {
  const acc = pctText(now.testAcc);
  const lossNow = lossText(trainCE(now));
  const name = nameOf(run, run.plan[at].id);
  if (!before) {
    if (now.epoch > 1) {
      return fresh(
        ctx.said,
        ...options(ctx, run, [
          `${upper(name)}: test accuracy ${acc} after epoch ${now.epoch} (the run resumed from a saved point); training loss ${lossNow}.`,
        ]),
      );
    }
    const guess = ctx.said.has('#guess') ? '' : ' (guessing would score 10 %)';
    ctx.said.add('#guess');
    const first = [
      `Test accuracy ${acc} after its first pass over the training images${guess}; training loss ${lossNow}.`,
      `After one pass over the training images, ${name} gets ${acc} of the test images right; training loss ${lossNow}.`,
      `One epoch in, ${name} scores ${acc} on the test images, with a training loss of ${lossNow}.`,
    ];
    return fresh(ctx.said, ...options(ctx, run, guess ? first : rotate(first, at)));
  }
  const lossBefore = lossText(trainCE(before));
  const fell = trainCE(now) < trainCE(before);
  const lossLong =
    lossNow === lossBefore
      ? `the training loss stayed at ${lossNow}`
      : `the training loss ${fell ? 'fell' : 'rose'} from ${lossBefore} to ${lossNow}`;
  const lossShort =
    lossNow === lossBefore ? `training loss still ${lossNow}` : `training loss ${fell ? 'down' : 'up'} to ${lossNow}`;
  const was = pctText(before.testAcc);
  let variants: string[];
  if (isLevel(now.testAcc, before.testAcc)) {
    variants = [
      `Test accuracy held at ${acc} (less than 0.05 points of change); ${lossLong}.`,
      `No real change on the test images since epoch ${before.epoch} (${acc}); ${lossShort}.`,
    ];
  } else {
    const up = now.testAcc > before.testAcc;
    const x = pointsText(now.testAcc, before.testAcc);
    variants = [
      `Test accuracy ${up ? 'rose' : 'dipped'} ${x}, from ${was} to ${acc}; ${lossLong}.`,
      `It now gets ${acc} of the test images right, ${x} ${up ? 'higher' : 'lower'} than after epoch ${before.epoch}; ${lossShort}.`,
      `Since epoch ${before.epoch}: test accuracy ${up ? '+' : '−'}${x} (${was} → ${acc}), training loss ${lossBefore} → ${lossNow}.`,
    ];
  }
  const named = `${upper(name)}, epoch ${before.epoch} → ${now.epoch}: test accuracy ${was} → ${acc}, training loss ${lossBefore} → ${lossNow}.`;
  return fresh(ctx.said, ...options(ctx, run, [...rotate(variants, now.epoch + at), named]));
}

/**
 * The students trained before this one at the same epoch (same cell, so the same seed): its references first,
 * then Student alone, then the nearest; the second one only when there is room (not with the method sentence or
 * the caveat).
 */
function compareLine(ctx: Ctx, run: CellRun, at: number, now: EpochMetrics, first: boolean): string | null {
  const model = run.plan[at];
  if (model.kind !== 'student') return null;
  const earlier = run.plan
    .slice(0, at)
    .filter((p) => p.kind === 'student')
    .flatMap((p) => {
      const m = run.epochs[p.id]?.find((x) => x.epoch === now.epoch);
      return m ? [{ p, m }] : [];
    });
  if (!earlier.length) return null;
  const refIds = run.refs.filter((r) => r.modelId === model.id && r.refId).map((r) => r.refId!);
  const rank = (x: (typeof earlier)[number]) =>
    refIds.includes(x.p.id) ? 0 : x.p.method === 'student-alone' ? 1 : 2 + (at - run.plan.indexOf(x.p));
  const [a, b] = [...earlier].sort((x, y) => rank(x) - rank(y));
  const name = nameOf(run, model.id);
  const other = nameOf(run, a.p.id);
  const acc = now.testAcc;
  const severalSeeds = ctx.seeds > 1;
  const lead = severalSeeds ? `After epoch ${now.epoch} on seed ${run.cell.seed}` : `After epoch ${now.epoch}`;
  const same = severalSeeds ? 'on the same seed' : 'at the same epoch';
  const one = fresh(
    ctx.said,
    `${lead}, ${name} is ${relText(acc, a.m.testAcc, other)} ${same} (${pctText(acc)} vs ${pctText(a.m.testAcc)}).`,
    `${lead}${run.valueText ? ` (${run.valueText})` : ''}, ${name} and ${other} have ${pctText(acc)} and ${pctText(a.m.testAcc)}.`,
  );
  const caveat = fresh(
    ctx.said,
    severalSeeds
      ? `That is one seed of ${ctx.seeds}: the summary at the end compares them over all seeds.`
      : 'One seed: differences this small can come from the seed alone.',
  );
  const two =
    b && !caveat && !first
      ? fresh(ctx.said, `It is ${relText(acc, b.m.testAcc, nameOf(run, b.p.id))}, which had ${pctText(b.m.testAcc)}.`)
      : null;
  return [one, caveat, two].filter(Boolean).join(' ') || null;
}

function contextLine(
  ctx: Ctx,
  run: CellRun,
  at: number,
  now: EpochMetrics,
  before: EpochMetrics | null,
  first: boolean,
): string | null {
  const model = run.plan[at];
  const name = nameOf(run, model.id);
  if (first) {
    const method =
      model.kind === 'teacher' ? teacherSentence(model.labelNoise) : methodSentence(studentOf(model.id, run.cfg));
    return fresh(
      ctx.said,
      method,
      `${upper(name)} starts again from new random weights for seed ${run.cell.seed}${run.valueText ? ` (${run.valueText})` : ''}.`,
    );
  }
  const total = model.epochs;
  const teacherId = model.teacherId ?? run.plan.find((p) => p.kind === 'teacher')?.id;
  const t = model.kind === 'student' && teacherId ? run.finals[teacherId] : undefined;
  const gap =
    t === undefined
      ? []
      : [
          `That leaves it ${relText(now.testAcc, t, `the teacher's final ${pctText(t)}`)}.`,
          `The teacher finished at ${pctText(t)}; after epoch ${now.epoch}, ${name} is ${relText(now.testAcc, t, 'it')}.`,
        ];
  const lr = lrSentences(run.cfg.schedule, now.epoch, total, name);
  const left = total - now.epoch;
  const progress =
    left > 0 ? [`${left === 1 ? 'One more epoch' : `${left} more epochs`} before ${name} is finished.`] : [];
  const dip =
    before && now.testAcc < before.testAcc && !isLevel(now.testAcc, before.testAcc)
      ? ['A small dip from one epoch to the next is normal: training takes small, noisy steps.']
      : [];
  const last =
    left === 0 ? [`That was its last epoch: ${pctText(now.testAcc)} is the final test accuracy of ${name}.`] : [];
  const kinds = rotate([gap, lr, progress], now.epoch + at);
  const plain = [...last, ...dip, ...kinds.map((x) => x[0]), ...kinds.flatMap((x) => x.slice(1))];
  return fresh(ctx.said, ...options(ctx, run, plain));
}

/** What the learning rate does in the next epoch (schedules in core/train/schedule.ts). */
function lrSentences(schedule: ExperimentConfig['schedule'], epoch: number, total: number, name: string): string[] {
  if (epoch >= total) return [];
  const f = learningRateAt(schedule, 1, epoch / total);
  const pct = `${Math.round(f * 100)} %`;
  const named = `In epoch ${epoch + 1} of ${name}, the learning rate is ${pct} of its starting value.`;
  switch (schedule) {
    case 'constant':
      return ['The learning rate stays the same in every epoch (constant schedule).', named];
    case 'step':
      return [
        f === 1
          ? 'The learning rate is still at its starting value; the step schedule cuts it tenfold halfway through.'
          : `The step schedule has cut the learning rate to ${pct} of its start, so the model now makes finer adjustments.`,
        named,
      ];
    case 'cosine':
      return [
        `The cosine schedule has brought the learning rate down to ${pct} of its starting value, so the steps get smaller.`,
        named,
      ];
  }
}

function nextText(ctx: Ctx, run: CellRun, at: number, now: EpochMetrics): string {
  const model = run.plan[at];
  const name = nameOf(run, model.id);
  const following = run.plan[at + 1];
  const nextCell = ctx.cells.find((c) => c.index === run.cell.index + 1);
  const plain =
    now.epoch < model.epochs
      ? [
          `Next: epoch ${now.epoch + 1} of ${model.epochs}.`,
          `Next: ${name}, epoch ${now.epoch + 1} of ${model.epochs}.`,
        ]
      : following
        ? [`${upper(name)} is finished; next: ${nameOf(run, following.id)}.`]
        : nextCell
          ? [
              `Seed ${run.cell.seed}${run.valueText ? ` (${run.valueText})` : ''} is finished; next: seed ${nextCell.seed} (cell ${nextCell.index + 1} of ${ctx.cells.length}).`,
            ]
          : ['This was the last model; the summary follows when the run is done.'];
  const all = options(ctx, run, plain).filter((x): x is string => !!x);
  return fresh(ctx.said, ...all) ?? all[all.length - 1];
}

const rotate = <T>(xs: T[], by: number): T[] => xs.map((_, i) => xs[(i + by) % xs.length]);

function studentOf(id: string, cfg: ExperimentConfig) {
  const m = /^student-(\d+)$/.exec(id);
  return m ? (cfg.students[Number(m[1]) - 1] ?? null) : null;
}

// The closing summary of a run for a class, in short sentences: each student's final test accuracy against the
// teacher and its reference (the study's own pairs: Student alone for Hinton KD, Hinton KD for Fickle Teacher …),
// with the one-seed caveat. With several seeds it reads the study summary instead (means over seeds, paired
// differences, the claims' verdicts as the claims panel states them): nothing is recomputed here. Pure.
import { cellConfig, pts, sweepValueText, type StudySummary } from '../../../core/study';
import type { MethodId } from '../../../core/config/schema';
import { METHODS } from '../../../core/methods';
import { planPhases } from '../../../core/train/plan';
import { claimCards } from '../study/claimCards';
import { CARD_VERDICT_TEXT, excludesZero, favourText, MIN_SEEDS } from '../study/format';
import { viewGroup } from '../study/summary';
import { cellRuns, type RunView } from './stepExplanation';
import { modelName, pctText, relText } from './stepText';

export interface RunSummaryText {
  heading: string;
  lines: string[];
}

/** The summary of a finished run; `study` is the store's study summary, `viewIndex` the sweep value on show. */
export function summarizeRun(view: RunView, study: StudySummary | null, viewIndex = 0): RunSummaryText | null {
  if (study && study.seeds.length >= 2 && study.groups.some((g) => g.models.length)) {
    return studyText(view, study, viewIndex);
  }
  return oneSeedText(view);
}

function oneSeedText(view: RunView): RunSummaryText | null {
  const run = cellRuns(view)?.at(-1);
  if (!run || !Object.keys(run.finals).length) return null;
  const acc = (id: string) => run.finals[id];
  const name = (id: string) => modelName(run.labels[id]);
  const teachers = run.plan.filter((p) => p.kind === 'teacher' && acc(p.id) !== undefined);
  const lines = teachers.map((t) =>
    teachers.length === 1
      ? `The teacher reached ${pctText(acc(t.id))} test accuracy.`
      : `${run.labels[t.id]} reached ${pctText(acc(t.id))} test accuracy.`,
  );
  const alone = run.plan.find((p) => p.method === 'student-alone' && acc(p.id) !== undefined);
  for (const p of run.plan) {
    if (p.kind !== 'student' || acc(p.id) === undefined) continue;
    const a = acc(p.id);
    const teacher = teachers.find((t) => t.id === p.teacherId) ?? teachers[0];
    const refs = run.refs
      .filter((r) => r.modelId === p.id && r.refId && acc(r.refId) !== undefined)
      .map((r) => r.refId!);
    if (!refs.length && alone && alone.id !== p.id) refs.push(alone.id);
    const parts = [
      ...(teacher ? [relText(a, acc(teacher.id), teachers.length === 1 ? 'the teacher' : run.labels[teacher.id])] : []),
      ...refs.map((id) => relText(a, acc(id), name(id))),
    ];
    lines.push(`${name(p.id)}: ${pctText(a)}${parts.length ? `, ${parts.join(' and ')}` : ''}.`);
  }
  lines.push(
    'This is one seed: gaps this small can come from the seed alone, so none of them shows that a method is better. ' +
      'A study with several seeds can tell.',
  );
  const where = run.valueText ? ` (${run.valueText})` : '';
  return { heading: `Run finished: final test accuracy${where}`, lines };
}

function studyText(view: RunView, study: StudySummary, viewIndex: number): RunSummaryText {
  const g = viewGroup(study, viewIndex);
  const n = g.seeds.length;
  const seeds = `${n} seed${n === 1 ? '' : 's'}`;
  const cfg = view.cfg
    ? cellConfig(view.cfg, { seed: g.seeds[0] ?? view.cfg.seed, value: g.value }, study.sweep ?? undefined)
    : null;
  const plan = cfg?.ok ? planPhases(cfg.config) : [];
  const model = (id: string) => g.models.find((m) => m.id === id);
  const teachers = g.models.filter((m) => m.kind === 'teacher');
  const lines = teachers.map(
    (t) => `${teachers.length === 1 ? 'The teacher' : t.label} averaged ${pctText(t.clean.mean)} test accuracy.`,
  );
  for (const m of g.models) {
    if (m.kind !== 'student') continue;
    const tid = plan.find((p) => p.id === m.id)?.teacherId;
    const teacher = (tid && model(tid)) || teachers[0];
    const parts = teacher
      ? [relText(m.clean.mean, teacher.clean.mean, teachers.length === 1 ? 'the teacher' : teacher.label)]
      : [];
    for (const c of g.comparisons) {
      if (c.modelId !== m.id || !c.clean) continue;
      const spread = excludesZero(c.clean) ? 'more than the seeds vary' : 'but within the seed-to-seed spread';
      parts.push(`${pts(c.clean.mean)} points vs ${modelName(c.refLabel!)} (${favourText(c.clean)}, ${spread})`);
    }
    lines.push(`${modelName(m.label)}: ${pctText(m.clean.mean)}${parts.length ? `, ${parts.join('; ')}` : ''}.`);
  }
  lines.push(...claimSentences(study));
  const where = g.value !== null && study.sweep ? ` · ${sweepValueText(study.sweep, g.value)}` : '';
  return { heading: `Study finished: averages over ${seeds}${where}`, lines };
}

/** One sentence per claim the study tests (its verdict as the claims panel gives it), one for those it cannot. */
function claimSentences(study: StudySummary): string[] {
  const cards = claimCards(study);
  const out = cards
    .filter((c) => c.lines.length)
    .map((card) => {
      const { claim } = card;
      const metric = claim.metric === 'clean' ? 'on clean test accuracy' : 'under the PGD attack';
      const title = `Claim ${claim.number} (${METHODS[claim.model as MethodId].label} above ${METHODS[claim.reference as MethodId].label} ${metric})`;
      const verdict = CARD_VERDICT_TEXT[card.verdict];
      if (card.lines.length > 1)
        return `${title}: ${verdict}, over ${card.lines.length} comparisons (see the claims panel).`;
      const pair = study.groups
        .flatMap((g) => g.claims.filter((r) => r.claim.id === claim.id).flatMap((r) => r.pairs))
        .at(0)!;
      const few = card.verdict === 'too-few' ? ` (a verdict needs ${MIN_SEEDS})` : '';
      return `${title}: ${verdict}${few}; ${pts(pair.diff.mean)} points on average, ${favourText(pair.diff)}.`;
    });
  const untested = cards.filter((c) => !c.lines.length).map((c) => c.claim.number);
  if (untested.length) {
    const list =
      untested.length === 1
        ? `claim ${untested[0]}`
        : `claims ${untested.slice(0, -1).join(', ')} and ${untested.at(-1)}`;
    out.push(
      `Not tested in this study: ${list} (the claims panel says what ${untested.length === 1 ? 'it needs' : 'they need'}).`,
    );
  }
  return out;
}

// The study controls in the experiment form: repeat the config over seeds, optionally sweep one hyperparameter,
// and whether every model's PGD accuracy is measured after training. The text is parsed in the config slice
// (store/studyInput.ts), which writes draft.study and keeps the messages shown here.
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { attackLabel } from '../../../core/attacks/types';
import type { ExperimentConfig } from '../../../core/config/schema';
import { SWEEP_LABELS, SWEEP_PARAMS } from '../../../core/study';
import { useStore } from '../../store';
import { isSweepParam } from '../../store/studyInput';
import { studySize } from './StudySummary';
import { Fields, select } from '../fields';

const SWEEP_OPTIONS = [
  { value: '', label: 'None' },
  ...SWEEP_PARAMS.map((p) => ({ value: p, label: SWEEP_LABELS[p] })),
];

const EXAMPLE_VALUES: Record<string, string> = {
  sigma: '0.05, 0.1, 0.2',
  teacherDropout: '0.1, 0.3, 0.5',
  rate: '0.1, 0.2, 0.3',
  temperature: '2, 4, 8',
  alpha: '0.5, 0.7, 0.9',
};

export const StudyFieldset = memo(function StudyFieldset() {
  const { input, errors, draft, setInput, setField } = useStore(
    useShallow((s) => ({
      input: s.studyInput,
      errors: s.studyErrors,
      draft: s.draft,
      setInput: s.setStudyInput,
      setField: s.setField,
    })),
  );
  const label = input.param ? SWEEP_LABELS[input.param] : '';
  return (
    <fieldset data-testid="study-fieldset">
      <legend>Study: repeat over seeds</legend>
      <p className="field-hint study-intro">
        Results at this scale differ by less than seed-to-seed spread: repeat the run over 3 or more seeds to see
        whether a difference holds.
      </p>
      <div className="grid">
        <Fields
          specs={[
            {
              kind: 'text',
              label: 'Seeds',
              path: 'study.seeds',
              testId: 'study-seeds',
              value: input.seeds,
              placeholder: `one run, seed ${Number.isFinite(draft.seed) ? draft.seed : '…'}`,
              error: errors.seeds,
              hint: 'a count (3 = seeds 1, 2, 3), a list 1, 2, 3 or a range 1-5 · at most 10',
              onChange: (seeds) => setInput({ seeds }),
            },
            select({
              label: 'Sweep',
              path: 'study.sweep.param',
              testId: 'study-sweep-param',
              value: input.param,
              options: SWEEP_OPTIONS,
              hint: 'one hyperparameter over several values, every seed at each',
              onChange: (v) => setInput({ param: isSweepParam(v) ? v : '' }),
            }),
            !!input.param && {
              kind: 'text',
              label: `${label} values`,
              path: 'study.sweep.values',
              testId: 'study-sweep-values',
              value: input.values,
              placeholder: EXAMPLE_VALUES[input.param],
              error: errors.sweep,
              hint: `comma-separated, e.g. ${EXAMPLE_VALUES[input.param]}`,
              onChange: (values) => setInput({ values }),
            },
            {
              kind: 'check',
              label: 'Measure PGD accuracy after training',
              path: 'attack.afterRun',
              testId: 'study-after-run',
              checked: draft.attack.afterRun,
              defaultValue: true,
              hint: robustCost(draft),
              onChange: (v) => setField('attack.afterRun', v),
            },
          ]}
        />
      </div>
      <StudySize draft={draft} />
    </fieldset>
  );
});

/** What the PGD evaluation costs: its attack and images, and about how many training epochs' work per model. */
function robustCost(c: ExperimentConfig): string {
  const a = c.attack;
  const images = Math.min(a.subset, c.data.testSize);
  const label = attackLabel({ kind: 'pgd', eps: a.eps, stepSize: a.stepSize, steps: a.steps, randomStart: true });
  // Each PGD step is one forward and backward pass over the images, about what a training step costs per image.
  const epochs = (a.steps * images) / Math.max(1, c.data.trainSize);
  return `${label} on ${images} test images, every model: about ${epochs < 0.95 ? epochs.toFixed(1) : Math.round(epochs)} training epoch${epochs >= 0.95 && epochs < 1.5 ? '' : 's'} of extra work per model`;
}

/** "3 seeds × 2 values = 6 runs", so the cost of a study is plain before Train. */
function StudySize({ draft }: { draft: ExperimentConfig }) {
  const size = studySize(draft);
  if (!size || !draft.study) return null;
  return (
    <p className="study-size" data-testid="study-size">
      {size.text} = <strong>{size.runs}</strong> run{size.runs === 1 ? '' : 's'} of the whole config (teacher and every
      student each)
      {draft.study.seeds.length < 3 ? <span className="muted"> · under 3 seeds the claims get no verdict</span> : null}
    </p>
  );
}

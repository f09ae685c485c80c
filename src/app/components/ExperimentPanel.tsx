// The experiment form: data, training schedule, optimizer, backend, and the teacher and student architectures.
import { memo } from 'react';
import { BACKENDS, type ExperimentConfig } from '../../core/config/schema';
import { defaultConfig } from '../../core/config/defaults';
import { BACKEND_LABELS } from '../lib/format';
import { useStore } from '../store';
import { DataFieldset } from './data/DataFieldset';
import { Fields, select, type FieldList, type FieldSpec } from './fields';
import { ModelEditor } from './ModelEditor';
import { StudyFieldset } from './study/StudyFieldset';

const DEFAULTS = defaultConfig();
const SCHEDULES = [
  { value: 'cosine', label: 'Cosine decay' },
  { value: 'constant', label: 'Constant' },
  { value: 'step', label: 'Step decay' },
] as const;
const OPTIMIZERS = [
  { value: 'adam', label: 'Adam' },
  { value: 'sgd', label: 'SGD with momentum' },
] as const;
const BACKEND_OPTIONS = BACKENDS.map((b) => ({
  value: b,
  label: b === 'auto' ? 'Auto (fastest available)' : BACKEND_LABELS[b],
}));

export const ExperimentPanel = memo(function ExperimentPanel() {
  const draft = useStore((s) => s.draft);
  const setField = useStore((s) => s.setField);
  const setOptimizerType = useStore((s) => s.setOptimizerType);
  // A seed list in the study controls sets the seeds; the single Seed field then has nothing to say.
  const seedsListed = useStore((s) => s.studyInput.seeds.trim() !== '');

  return (
    <section className="panel experiment-panel" aria-labelledby="experiment-heading">
      <h2 id="experiment-heading">Experiment</h2>

      <DataFieldset />

      <fieldset>
        <legend>Training</legend>
        <div className="grid">
          <Fields specs={trainingFields(draft, seedsListed)} onField={setField} />
        </div>
      </fieldset>

      <StudyFieldset />

      <fieldset>
        <legend>Optimizer</legend>
        <div className="grid">
          <Fields specs={optimizerFields(draft.optimizer, setOptimizerType)} onField={setField} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Models</legend>
        <ModelEditor which="teacher" />
        <ModelEditor which="student" />
      </fieldset>

      <fieldset>
        <legend>Compute</legend>
        <div className="grid">
          <Fields specs={[backendField(draft.backend)]} onField={setField} />
        </div>
      </fieldset>
    </section>
  );
});

const int = (min: number, max: number) => ({ kind: 'number', min, max, step: 1 }) as const;

function trainingFields(c: ExperimentConfig, seedsListed: boolean): FieldList {
  return [
    {
      ...int(1, 2 ** 31 - 1),
      label: 'Seed',
      path: 'seed',
      value: c.seed,
      defaultValue: DEFAULTS.seed,
      disabled: seedsListed,
      note: seedsListed ? 'set by the study’s Seeds list' : undefined,
    },
    {
      ...int(1, 200),
      label: 'Teacher epochs',
      path: 'teacher.epochs',
      value: c.teacher.epochs,
      defaultValue: DEFAULTS.teacher.epochs,
    },
    {
      ...int(1, 200),
      label: 'Student epochs',
      path: 'student.epochs',
      value: c.student.epochs,
      defaultValue: DEFAULTS.student.epochs,
    },
    {
      ...int(2, 512),
      label: 'Batch size',
      path: 'batchSize',
      value: c.batchSize,
      unit: 'images',
      defaultValue: DEFAULTS.batchSize,
    },
    {
      kind: 'select',
      label: 'Learning-rate schedule',
      path: 'schedule',
      value: c.schedule,
      options: SCHEDULES,
      defaultValue: DEFAULTS.schedule,
    },
  ];
}

/** Adam and SGD differ in defaults, and only SGD has momentum. */
function optimizerFields(opt: ExperimentConfig['optimizer'], setType: (t: 'adam' | 'sgd') => void): FieldList {
  const adam = opt.type === 'adam';
  return [
    select({
      label: 'Optimizer',
      path: 'optimizer.type',
      value: opt.type,
      options: OPTIMIZERS,
      defaultValue: DEFAULTS.optimizer.type,
      onChange: setType,
    }),
    {
      kind: 'number',
      label: 'Learning rate',
      path: 'optimizer.lr',
      value: opt.lr,
      min: 0,
      max: 10000,
      step: 'any',
      defaultValue: adam ? DEFAULTS.optimizer.lr : 0.05,
      note: 'must be > 0',
    },
    opt.type === 'sgd' && {
      kind: 'number',
      label: 'Momentum',
      path: 'optimizer.momentum',
      value: opt.momentum,
      min: 0,
      max: 0.999,
      step: 0.01,
      defaultValue: 0.9,
    },
    {
      kind: 'number',
      label: 'Weight decay',
      path: 'optimizer.weightDecay',
      value: opt.weightDecay,
      min: 0,
      max: 0.1,
      step: 'any',
      defaultValue: adam ? 0 : 5e-4,
    },
  ];
}

function backendField(value: ExperimentConfig['backend']): FieldSpec {
  return {
    kind: 'select',
    label: 'Backend',
    path: 'backend',
    value,
    options: BACKEND_OPTIONS,
    defaultValue: DEFAULTS.backend,
    testId: 'backend-select',
    hint: 'auto skips software GPUs (slower than WebAssembly)',
  };
}

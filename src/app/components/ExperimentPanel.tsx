// Settings: the long experiment form (data, training schedule, study, optimizer, architectures, backend) in
// collapsible sections, each with a one-line summary, so the run controls, model lanes and charts fit one screen.
import { memo } from 'react';
import { BACKENDS, type ExperimentConfig } from '../../core/config/schema';
import { defaultConfig } from '../../core/config/defaults';
import { describeModel } from '../lib/describe';
import { BACKEND_LABELS } from '../lib/format';
import { useStore } from '../store';
import { hasStudyErrors } from '../store/configSlice';
import { DataFieldset } from './data/DataFieldset';
import { DATASET_LABELS } from './data/datasets';
import { Fields, select, type FieldList, type FieldSpec } from './fields';
import { ModelEditor } from './ModelEditor';
import { SETTINGS_ID, SettingsSection } from './SettingsSection';
import { StudyFieldset } from './study/StudyFieldset';
import { StudySummary } from './study/StudySummary';

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
  const studyInvalid = useStore(hasStudyErrors);
  const d = draft.data;
  const o = draft.optimizer;

  return (
    <section className="panel experiment-panel" aria-labelledby="experiment-heading" id={SETTINGS_ID} tabIndex={-1}>
      <h2 id="experiment-heading">Settings</h2>
      <p className="muted settings-intro">
        The methods and their key numbers are in the model lanes; everything else a run reads is here.
      </p>

      <SettingsSection
        title="Data"
        name="data"
        summary={`${DATASET_LABELS[d.dataset] ?? d.dataset} · ${n(d.trainSize)} train / ${n(d.testSize)} test images`}
        paths={['data']}
      >
        <DataFieldset />
      </SettingsSection>

      <SettingsSection
        title="Training"
        name="training"
        summary={`seed ${draft.seed} · ${draft.teacher.epochs} + ${draft.student.epochs} epochs · batch ${draft.batchSize} · ${draft.schedule}`}
        paths={['seed', 'teacher.epochs', 'student.epochs', 'batchSize', 'schedule']}
      >
        <fieldset>
          <legend>Training</legend>
          <div className="grid">
            <Fields specs={trainingFields(draft, seedsListed)} onField={setField} />
          </div>
        </fieldset>
      </SettingsSection>

      <SettingsSection
        title="Study"
        name="study"
        summary={<StudySummary />}
        paths={['study']}
        extraError={studyInvalid}
      >
        <StudyFieldset />
      </SettingsSection>

      <SettingsSection
        title="Optimizer"
        name="optimizer"
        summary={`${o.type === 'adam' ? 'Adam' : 'SGD'} · learning rate ${o.lr}${o.weightDecay ? ` · weight decay ${o.weightDecay}` : ''}`}
        paths={['optimizer']}
      >
        <fieldset>
          <legend>Optimizer</legend>
          <div className="grid">
            <Fields specs={optimizerFields(o, setOptimizerType)} onField={setField} />
          </div>
        </fieldset>
      </SettingsSection>

      <SettingsSection
        title="Architectures"
        name="models"
        summary={`teacher ${describeModel(draft.teacher.model)} · students ${describeModel(draft.student.model)}`}
        paths={['teacher.model', 'student.model']}
      >
        <fieldset>
          <legend>Models</legend>
          <ModelEditor which="teacher" />
          <ModelEditor which="student" />
        </fieldset>
      </SettingsSection>

      <SettingsSection title="Compute" name="compute" summary={BACKEND_LABELS[draft.backend]} paths={['backend']}>
        <fieldset>
          <legend>Compute</legend>
          <div className="grid">
            <Fields specs={[backendField(draft.backend)]} onField={setField} />
          </div>
        </fieldset>
      </SettingsSection>
    </section>
  );
});

const n = (x: number) => (Number.isFinite(x) ? x.toLocaleString('en-US') : '?');

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

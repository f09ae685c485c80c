// The experiment form: data, training schedule, optimizer, backend, and the teacher and student architectures.
import { memo } from 'react';
import { BACKENDS, type BackendPreference } from '../../core/config/schema';
import { defaultConfig } from '../../core/config/defaults';
import { BACKEND_LABELS } from '../lib/format';
import { useStore } from '../store';
import { DataFieldset } from './data/DataFieldset';
import { NumberField, SelectField } from './fields';
import { ModelEditor } from './ModelEditor';

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
  const opt = draft.optimizer;

  return (
    <section className="panel experiment-panel" aria-labelledby="experiment-heading">
      <h2 id="experiment-heading">Experiment</h2>

      <DataFieldset />

      <fieldset>
        <legend>Training</legend>
        <div className="grid">
          <NumberField
            label="Seed"
            path="seed"
            value={draft.seed}
            min={1}
            max={2 ** 31 - 1}
            step={1}
            defaultValue={DEFAULTS.seed}
            onChange={(v) => setField('seed', v)}
          />
          <NumberField
            label="Teacher epochs"
            path="teacher.epochs"
            value={draft.teacher.epochs}
            min={1}
            max={200}
            step={1}
            defaultValue={DEFAULTS.teacher.epochs}
            onChange={(v) => setField('teacher.epochs', v)}
          />
          <NumberField
            label="Student epochs"
            path="student.epochs"
            value={draft.student.epochs}
            min={1}
            max={200}
            step={1}
            defaultValue={DEFAULTS.student.epochs}
            onChange={(v) => setField('student.epochs', v)}
          />
          <NumberField
            label="Batch size"
            path="batchSize"
            value={draft.batchSize}
            min={2}
            max={512}
            step={1}
            unit="images"
            defaultValue={DEFAULTS.batchSize}
            onChange={(v) => setField('batchSize', v)}
          />
          <SelectField
            label="Learning-rate schedule"
            path="schedule"
            value={draft.schedule}
            options={SCHEDULES}
            defaultValue={DEFAULTS.schedule}
            onChange={(v) => setField('schedule', v)}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>Optimizer</legend>
        <div className="grid">
          <SelectField
            label="Optimizer"
            path="optimizer.type"
            value={opt.type}
            options={OPTIMIZERS}
            defaultValue={DEFAULTS.optimizer.type}
            onChange={setOptimizerType}
          />
          <NumberField
            label="Learning rate"
            path="optimizer.lr"
            value={opt.lr}
            min={0}
            max={10000}
            step="any"
            defaultValue={opt.type === 'adam' ? DEFAULTS.optimizer.lr : 0.05}
            note="must be > 0"
            onChange={(v) => setField('optimizer.lr', v)}
          />
          {opt.type === 'sgd' ? (
            <NumberField
              label="Momentum"
              path="optimizer.momentum"
              value={opt.momentum}
              min={0}
              max={0.999}
              step={0.01}
              defaultValue={0.9}
              onChange={(v) => setField('optimizer.momentum', v)}
            />
          ) : null}
          <NumberField
            label="Weight decay"
            path="optimizer.weightDecay"
            value={opt.weightDecay}
            min={0}
            max={0.1}
            step="any"
            defaultValue={opt.type === 'adam' ? 0 : 5e-4}
            onChange={(v) => setField('optimizer.weightDecay', v)}
          />
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
          <SelectField<BackendPreference>
            label="Backend"
            path="backend"
            value={draft.backend}
            options={BACKEND_OPTIONS}
            defaultValue={DEFAULTS.backend}
            testId="backend-select"
            hint="auto skips software GPUs (slower than WebAssembly)"
            onChange={(v) => setField('backend', v)}
          />
        </div>
      </fieldset>
    </section>
  );
});

// One student: method picker, the method's description, and only that method's hyperparameters.
import { memo } from 'react';
import { defaultStudent } from '../../core/config/defaults';
import { METHOD_IDS, type MethodId, type StudentSpec } from '../../core/config/schema';
import { METHODS } from '../../core/methods';
import { effectiveFlipRate } from '../../core/methods/labelNoise';
import { colorFor } from '../lib/colors';
import { useStore } from '../store';
import { MAX_STUDENTS } from '../store/configSlice';
import { CheckboxField, NumberField, SelectField } from './fields';

const METHOD_OPTIONS = METHOD_IDS.map((m) => ({ value: m, label: METHODS[m].label }));
const K = 10; // both data sets have 10 classes

type Of<M extends MethodId> = Extract<StudentSpec, { method: M }>;
const defaults = <M extends MethodId>(m: M) => defaultStudent(m) as Of<M>;

export const StudentCard = memo(function StudentCard({ index }: { index: number }) {
  const s = useStore((st) => st.draft.students[index]);
  const total = useStore((st) => st.draft.students.length);
  const setField = useStore((st) => st.setField);
  const setMethod = useStore((st) => st.setStudentMethod);
  const duplicate = useStore((st) => st.duplicateStudent);
  const remove = useStore((st) => st.removeStudent);
  if (!s) return null;
  const p = `students.${index}`;
  const set = (key: string) => (v: unknown) => setField(`${p}.${key}`, v);
  const color = colorFor(`student-${index + 1}`);

  return (
    <article
      className="student-card"
      data-testid="student-card"
      style={{ borderTopColor: color }}
      aria-label={`Student S${index + 1}`}
    >
      <header className="student-head">
        <span className="swatch" style={{ background: color }} aria-hidden="true" />
        <strong>S{index + 1}</strong>
        <div className="student-actions">
          <button
            type="button"
            className="small"
            onClick={() => duplicate(index)}
            disabled={total >= MAX_STUDENTS}
            aria-label={`Duplicate student S${index + 1}`}
            title="Duplicate"
          >
            Duplicate
          </button>
          <button
            type="button"
            className="small danger"
            onClick={() => remove(index)}
            disabled={total <= 1}
            aria-label={`Remove student S${index + 1}`}
            title={total <= 1 ? 'Keep at least one student' : 'Remove'}
          >
            Remove
          </button>
        </div>
      </header>
      <SelectField
        label="Method"
        path={`${p}.method`}
        value={s.method}
        options={METHOD_OPTIONS}
        onChange={(m) => setMethod(index, m)}
      />
      <p className="method-desc">{METHODS[s.method].description}</p>
      <div className="grid grid-tight">
        <MethodParams s={s} set={set} p={p} />
      </div>
    </article>
  );
});

interface ParamProps {
  s: StudentSpec;
  p: string;
  set: (key: string) => (v: unknown) => void;
}

function MethodParams({ s, p, set }: ParamProps) {
  switch (s.method) {
    case 'student-alone':
      return <p className="muted span-all">No hyperparameters: plain cross-entropy on the labels.</p>;
    case 'hinton-kd':
    case 'fickle-teacher':
      return <Kd s={s} p={p} set={set} />;
    case 'gaussian-augmentation': {
      const d = defaults('gaussian-augmentation');
      return (
        <>
          <Sigma value={s.sigma} def={d.sigma} p={p} set={set} />
          <CheckboxField
            label="Clip to [0,1]"
            path={`${p}.clip`}
            checked={s.clip}
            defaultValue={d.clip}
            onChange={set('clip')}
          />
        </>
      );
    }
    case 'soft-randomization': {
      const d = defaults('soft-randomization');
      return (
        <>
          <Kd s={s} p={p} set={set} />
          <Sigma value={s.sigma} def={d.sigma} p={p} set={set} />
          <CheckboxField
            label="Clip noisy input to [0,1]"
            path={`${p}.clip`}
            checked={s.clip}
            defaultValue={d.clip}
            onChange={set('clip')}
          />
          <CheckboxField
            label="Label term on clean input"
            path={`${p}.ceOnClean`}
            checked={s.ceOnClean}
            defaultValue={d.ceOnClean}
            onChange={set('ceOnClean')}
          />
        </>
      );
    }
    case 'messy-collaboration': {
      const d = defaults('messy-collaboration');
      return (
        <>
          <Kd s={s} p={p} set={set} />
          <Rate label="Label-noise rate r" path={`${p}.rate`} value={s.rate} def={d.rate} onChange={set('rate')} />
          <SelectField
            label="Corrupt labels of"
            path={`${p}.target`}
            value={s.target}
            defaultValue={d.target}
            options={[
              { value: 'S', label: 'S: the student' },
              { value: 'T', label: 'T: the teacher' },
              { value: 'TS', label: 'TS: both' },
            ]}
            onChange={set('target')}
          />
        </>
      );
    }
    case 'custom': {
      const d = defaults('custom');
      return (
        <>
          <CheckboxField
            label="Distil from the teacher (KD)"
            path={`${p}.kd`}
            checked={s.kd}
            defaultValue={d.kd}
            onChange={set('kd')}
          />
          <Kd s={s} p={p} set={set} disabled={!s.kd} />
          <CheckboxField
            label="Fickle teacher (dropout on)"
            path={`${p}.fickle`}
            checked={s.fickle}
            defaultValue={d.fickle}
            disabled={!s.kd}
            hint={!s.kd ? 'needs KD' : undefined}
            onChange={set('fickle')}
          />
          <SelectField
            label="Input noise"
            path={`${p}.inputNoise`}
            value={s.inputNoise}
            defaultValue={d.inputNoise}
            options={[
              { value: 'none', label: 'None' },
              { value: 'augment', label: 'Gaussian augmentation' },
              { value: 'soft-randomization', label: 'Soft Randomization' },
            ]}
            hint={s.inputNoise === 'soft-randomization' && !s.kd ? 'acts as augmentation without KD' : undefined}
            onChange={set('inputNoise')}
          />
          <Sigma value={s.sigma} def={d.sigma} p={p} set={set} disabled={s.inputNoise === 'none'} />
          <CheckboxField
            label="Clip noisy input to [0,1]"
            path={`${p}.clip`}
            checked={s.clip}
            defaultValue={d.clip}
            disabled={s.inputNoise === 'none'}
            onChange={set('clip')}
          />
          <CheckboxField
            label="Label term on clean input"
            path={`${p}.ceOnClean`}
            checked={s.ceOnClean}
            defaultValue={d.ceOnClean}
            disabled={s.inputNoise === 'none'}
            onChange={set('ceOnClean')}
          />
          <Rate
            label="Student label noise"
            path={`${p}.studentLabelNoise`}
            value={s.studentLabelNoise}
            def={d.studentLabelNoise}
            onChange={set('studentLabelNoise')}
          />
          <Rate
            label="Teacher label noise"
            path={`${p}.teacherLabelNoise`}
            value={s.teacherLabelNoise}
            def={d.teacherLabelNoise}
            disabled={!s.kd}
            onChange={set('teacherLabelNoise')}
          />
        </>
      );
    }
  }
}

function Kd({ s, p, set, disabled }: ParamProps & { disabled?: boolean }) {
  if (!('temperature' in s)) return null;
  const d = defaults('hinton-kd');
  return (
    <>
      <NumberField
        label="Temperature T"
        path={`${p}.temperature`}
        value={s.temperature}
        min={1}
        max={20}
        step={0.5}
        defaultValue={d.temperature}
        disabled={disabled}
        onChange={set('temperature')}
      />
      <NumberField
        label="KD weight α"
        path={`${p}.alpha`}
        value={s.alpha}
        min={0}
        max={1}
        step={0.05}
        defaultValue={d.alpha}
        note="1 = soft targets only"
        disabled={disabled}
        onChange={set('alpha')}
      />
    </>
  );
}

function Sigma({
  value,
  def,
  p,
  set,
  disabled,
}: {
  value: number;
  def: number;
  p: string;
  set: ParamProps['set'];
  disabled?: boolean;
}) {
  return (
    <NumberField
      label="Noise σ"
      path={`${p}.sigma`}
      value={value}
      min={0}
      max={1}
      step={0.05}
      unit="pixel units"
      defaultValue={def}
      note="must be > 0"
      disabled={disabled}
      onChange={set('sigma')}
    />
  );
}

function Rate(props: {
  label: string;
  path: string;
  value: number;
  def: number;
  onChange(v: number): void;
  disabled?: boolean;
}) {
  const eff = Number.isFinite(props.value) ? effectiveFlipRate(props.value, K) : NaN;
  return (
    <NumberField
      label={props.label}
      path={props.path}
      value={props.value}
      min={0}
      max={1}
      step={0.05}
      defaultValue={props.def}
      disabled={props.disabled}
      note={
        <strong className="flip">
          {Number.isFinite(eff) ? `effective flip rate r·(K−1)/K = ${(eff * 100).toFixed(1)} %` : ''}
        </strong>
      }
      onChange={props.onChange}
    />
  );
}

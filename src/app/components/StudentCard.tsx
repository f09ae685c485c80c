// One student: method picker, the method's description, and only that method's hyperparameters.
import { memo } from 'react';
import { defaultStudent } from '../../core/config/defaults';
import { METHOD_IDS, type MethodId, type StudentSpec } from '../../core/config/schema';
import { METHODS } from '../../core/methods';
import { effectiveFlipRate } from '../../core/methods/labelNoise';
import { colorsFor } from '../lib/colors';
import { useStore } from '../store';
import { MAX_STUDENTS } from '../store/configSlice';
import { Fields, SelectField, type FieldSpec } from './fields';

const METHOD_OPTIONS = METHOD_IDS.map((m) => ({ value: m, label: METHODS[m].label }));
const LABEL_NOISE_TARGETS = [
  { value: 'S', label: 'S: the student' },
  { value: 'T', label: 'T: the teacher' },
  { value: 'TS', label: 'TS: both' },
] as const;
const INPUT_NOISES = [
  { value: 'none', label: 'None' },
  { value: 'augment', label: 'Gaussian augmentation' },
  { value: 'soft-randomization', label: 'Soft Randomization' },
] as const;
const K = 10; // both data sets have 10 classes

type Of<M extends MethodId> = Extract<StudentSpec, { method: M }>;
const defaults = <M extends MethodId>(m: M) => defaultStudent(m) as Of<M>;

export const StudentCard = memo(function StudentCard({ index }: { index: number }) {
  const s = useStore((st) => st.draft.students[index]);
  const students = useStore((st) => st.draft.students);
  const total = students.length;
  const setField = useStore((st) => st.setField);
  const setMethod = useStore((st) => st.setStudentMethod);
  const duplicate = useStore((st) => st.duplicateStudent);
  const remove = useStore((st) => st.removeStudent);
  if (!s) return null;
  const p = `students.${index}`;
  // The colour its row and curves will have: by method, a repeated method taking the next spare colour.
  const color = colorsFor(students.map((x, i) => ({ id: `student-${i + 1}`, kind: 'student', method: x.method })))[
    `student-${index + 1}`
  ];

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
        {s.method === 'student-alone' ? (
          <p className="muted span-all">No hyperparameters: plain cross-entropy on the labels.</p>
        ) : (
          <Fields specs={methodFields(s, p)} onField={setField} />
        )}
      </div>
    </article>
  );
});

/** Only the hyperparameters the student's method reads, in the order the card shows them. */
function methodFields(s: StudentSpec, p: string): FieldSpec[] {
  switch (s.method) {
    case 'student-alone':
      return [];
    case 'hinton-kd':
    case 'fickle-teacher':
      return kd(s, p);
    case 'gaussian-augmentation': {
      const d = defaults('gaussian-augmentation');
      return [
        sigma(s.sigma, d.sigma, p),
        { kind: 'check', label: 'Clip to [0,1]', path: `${p}.clip`, checked: s.clip, defaultValue: d.clip },
      ];
    }
    case 'soft-randomization': {
      const d = defaults('soft-randomization');
      return [...kd(s, p), ...noisyInput(s, d, p)];
    }
    case 'messy-collaboration': {
      const d = defaults('messy-collaboration');
      return [
        ...kd(s, p),
        rate('Label-noise rate r', `${p}.rate`, s.rate, d.rate),
        {
          kind: 'select',
          label: 'Corrupt labels of',
          path: `${p}.target`,
          value: s.target,
          defaultValue: d.target,
          options: LABEL_NOISE_TARGETS,
        },
      ];
    }
    case 'custom': {
      const d = defaults('custom');
      return [
        { kind: 'check', label: 'Distil from the teacher (KD)', path: `${p}.kd`, checked: s.kd, defaultValue: d.kd },
        ...kd(s, p, !s.kd),
        {
          kind: 'check',
          label: 'Fickle teacher (dropout on)',
          path: `${p}.fickle`,
          checked: s.fickle,
          defaultValue: d.fickle,
          disabled: !s.kd,
          hint: !s.kd ? 'needs KD' : undefined,
        },
        {
          kind: 'select',
          label: 'Input noise',
          path: `${p}.inputNoise`,
          value: s.inputNoise,
          defaultValue: d.inputNoise,
          options: INPUT_NOISES,
          hint: s.inputNoise === 'soft-randomization' && !s.kd ? 'acts as augmentation without KD' : undefined,
        },
        ...noisyInput(s, d, p, s.inputNoise === 'none'),
        rate('Student label noise', `${p}.studentLabelNoise`, s.studentLabelNoise, d.studentLabelNoise),
        rate('Teacher label noise', `${p}.teacherLabelNoise`, s.teacherLabelNoise, d.teacherLabelNoise, !s.kd),
      ];
    }
  }
}

function kd(s: StudentSpec, p: string, disabled?: boolean): FieldSpec[] {
  if (!('temperature' in s)) return [];
  const d = defaults('hinton-kd');
  return [
    {
      kind: 'number',
      label: 'Temperature T',
      path: `${p}.temperature`,
      value: s.temperature,
      min: 1,
      max: 20,
      step: 0.5,
      defaultValue: d.temperature,
      disabled,
    },
    {
      kind: 'number',
      label: 'KD weight α',
      path: `${p}.alpha`,
      value: s.alpha,
      min: 0,
      max: 1,
      step: 0.05,
      defaultValue: d.alpha,
      note: '1 = soft targets only',
      disabled,
    },
  ];
}

type NoisyInput = { sigma: number; clip: boolean; ceOnClean: boolean };

/** σ, clipping and the clean-input label term: the knobs of Soft Randomization's noisy input. */
function noisyInput(s: NoisyInput, d: NoisyInput, p: string, disabled?: boolean): FieldSpec[] {
  return [
    sigma(s.sigma, d.sigma, p, disabled),
    {
      kind: 'check',
      label: 'Clip noisy input to [0,1]',
      path: `${p}.clip`,
      checked: s.clip,
      defaultValue: d.clip,
      disabled,
    },
    {
      kind: 'check',
      label: 'Label term on clean input',
      path: `${p}.ceOnClean`,
      checked: s.ceOnClean,
      defaultValue: d.ceOnClean,
      disabled,
    },
  ];
}

function sigma(value: number, def: number, p: string, disabled?: boolean): FieldSpec {
  return {
    kind: 'number',
    label: 'Noise σ',
    path: `${p}.sigma`,
    value,
    min: 0,
    max: 1,
    step: 0.05,
    unit: 'pixel units',
    defaultValue: def,
    note: 'must be > 0',
    disabled,
  };
}

/** A label-noise rate with the flip rate it amounts to over K classes. */
function rate(label: string, path: string, value: number, def: number, disabled?: boolean): FieldSpec {
  const eff = Number.isFinite(value) ? effectiveFlipRate(value, K) : NaN;
  const note = (
    <strong className="flip">
      {Number.isFinite(eff) ? `effective flip rate r·(K−1)/K = ${(eff * 100).toFixed(1)} %` : ''}
    </strong>
  );
  return { kind: 'number', label, path, value, min: 0, max: 1, step: 0.05, defaultValue: def, disabled, note };
}

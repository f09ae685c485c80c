// A student's hyperparameters as field specs: only those its method reads, in order. The lane shows the key
// ones (T, α, σ, r) in its row and the rest in its details.
import { defaultStudent } from '../../../core/config/defaults';
import { METHOD_IDS, type MethodId, type StudentSpec } from '../../../core/config/schema';
import { METHODS } from '../../../core/methods';
import { effectiveFlipRate } from '../../../core/methods/labelNoise';
import type { FieldSpec } from '../fields';
import type { LaneNumberProps } from './LaneNumber';

export const METHOD_OPTIONS = METHOD_IDS.map((m) => ({ value: m, label: METHODS[m].label }));
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

/** Only the hyperparameters the student's method reads, in the order the details show them. */
export function methodFields(s: StudentSpec, p: string): FieldSpec[] {
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

/** The symbols a lane shows in its row, by config key: the knobs the paper's methods are compared on. */
const KEY_SYMBOLS: Record<string, { symbol: string; name: string }> = {
  temperature: { symbol: 'T', name: 'Temperature T' },
  alpha: { symbol: 'α', name: 'KD weight α' },
  sigma: { symbol: 'σ', name: 'Noise σ' },
  rate: { symbol: 'r', name: 'Label-noise rate r' },
};

/** A lane's key number: what LaneNumber shows (its name without the student, added by the lane). */
export type KeyParam = LaneNumberProps;

/** The lane's row: the method's key numbers (custom students keep everything in their details). */
export function keyParams(s: StudentSpec, p: string): KeyParam[] {
  if (s.method === 'custom') return [];
  return methodFields(s, p).flatMap((f) => {
    const key = f.path.slice(p.length + 1);
    const sym = KEY_SYMBOLS[key];
    if (!sym || f.kind !== 'number') return [];
    return [
      {
        ...sym,
        path: f.path,
        value: f.value,
        min: f.min,
        max: f.max,
        step: typeof f.step === 'number' ? f.step : 0.01,
        defaultValue: f.defaultValue,
        disabled: f.disabled,
      },
    ];
  });
}

/** The fields the details add to the row's (all of them for a custom student). */
export function detailFields(s: StudentSpec, p: string): FieldSpec[] {
  const inRow = new Set(keyParams(s, p).map((k) => k.path));
  return methodFields(s, p).filter((f) => !inRow.has(f.path));
}

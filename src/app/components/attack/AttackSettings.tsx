// The attack every task of the lab uses: kind, ε (in the data set's usual units), PGD's step size, steps and
// random start, the target of a targeted attack, the source model and the seed.
import { useEffect, useId, useState } from 'react';
import type { TargetMode } from '../../../core/attacks/types';
import { useStore } from '../../store';
import type { AttackKind } from '../../store/attackSlice';
import { Fields, select } from '../fields';
import { GlossaryTip } from '../GlossaryTip';
import { useClassNames, useEpsUnits, useLabModels, useSourceId } from './labHooks';

const KINDS: { value: AttackKind; label: string }[] = [
  { value: 'pgd', label: 'PGD (L∞, random start)' },
  { value: 'fgsm', label: 'FGSM' },
  { value: 'pgd-targeted', label: 'PGD targeted' },
];

const TARGETS: { value: TargetMode['mode']; label: string }[] = [
  { value: 'next', label: 'Next class ((y + 1) mod K)' },
  { value: 'least-likely', label: 'Least likely class' },
  { value: 'fixed', label: 'A fixed class' },
];

/** Calls `set` only with a finite value in range: a half-typed number never reaches the store. */
const within = (min: number, max: number, set: (v: number) => void) => (v: number) => {
  if (Number.isFinite(v) && v >= min && v <= max) set(v);
};

export function AttackSettings() {
  const s = useStore((st) => st.attackSettings);
  const update = useStore((st) => st.setAttackSettings);
  const models = useLabModels();
  const source = useSourceId();
  const classNames = useClassNames();
  const u = useEpsUnits();
  const pgd = s.kind !== 'fgsm';
  const targeted = s.kind === 'pgd-targeted';

  return (
    <fieldset className="lab-settings">
      <legend>Attack</legend>
      <div className="grid">
        <Fields
          specs={[
            select({
              label: 'Attack',
              path: 'lab.kind',
              testId: 'attack-kind',
              value: s.kind,
              options: KINDS,
              defaultValue: 'pgd',
              onChange: (kind) => update({ kind }),
            }),
          ]}
        />
        <EpsField />
        <Fields
          specs={[
            {
              kind: 'select',
              label: 'Source model',
              path: 'lab.source',
              testId: 'attack-source',
              value: source ?? '',
              options: models.map((m) => ({ value: m.id, label: m.label })),
              hint: 'examples are crafted on its gradients (gallery, transfer)',
              onChange: (id) => update({ source: id }),
            },
            pgd && {
              kind: 'number',
              label: `Step size${u.colour ? ' (/255)' : ''}`,
              path: 'lab.stepSize',
              value: +u.toDisplay(s.stepSize).toFixed(4),
              min: 0,
              max: u.max,
              note: 'keeps its ratio to ε when ε changes',
              onChange: within(0, u.max, (v) => update({ stepSize: u.fromDisplay(v) })),
            },
            pgd && {
              kind: 'number',
              label: 'Steps',
              path: 'lab.steps',
              value: s.steps,
              min: 1,
              max: 200,
              step: 1,
              defaultValue: 20,
              onChange: within(1, 200, (v) => update({ steps: Math.round(v) })),
            },
            pgd && {
              kind: 'check',
              label: 'Random start',
              path: 'lab.randomStart',
              checked: s.randomStart,
              defaultValue: true,
              hint: 'start from a random point in the ε-ball',
              onChange: (randomStart) => update({ randomStart }),
            },
            targeted &&
              select({
                label: 'Target',
                path: 'lab.target',
                value: s.target.mode,
                options: TARGETS,
                defaultValue: 'next',
                onChange: (mode) => update({ target: mode === 'fixed' ? { mode, class: 0 } : { mode } }),
              }),
            targeted &&
              s.target.mode === 'fixed' && {
                kind: 'select',
                label: 'Target class',
                path: 'lab.targetClass',
                value: String(s.target.class),
                options: classNames.map((n, i) => ({ value: String(i), label: `${i}: ${n}` })),
                onChange: (c) => update({ target: { mode: 'fixed', class: Number(c) } }),
              },
            {
              kind: 'number',
              label: 'Seed',
              path: 'lab.seed',
              value: s.seed,
              min: 0,
              max: 2 ** 31 - 1,
              step: 1,
              note: 'random start, picks, subsets',
              onChange: within(0, 2 ** 31 - 1, (v) => update({ seed: Math.round(v) })),
            },
          ]}
        />
      </div>
    </fieldset>
  );
}

/** ε as a slider and a number in display units, with both representations spelled out. */
function EpsField() {
  const id = useId();
  const eps = useStore((st) => st.attackSettings.eps);
  const update = useStore((st) => st.setAttackSettings);
  const u = useEpsUnits();
  const shown = u.toDisplay(eps);
  // Local text, so an emptied box or "0." can exist while typing; the store only takes a valid ε.
  const [text, setText] = useState(String(shown));
  useEffect(() => setText((t) => (t.trim() !== '' && Number(t) === shown ? t : String(shown))), [shown]);
  const set = (v: number) => {
    if (Number.isFinite(v) && v >= 0 && v <= u.max) update({ eps: u.fromDisplay(v) });
  };
  return (
    <div className="field lab-eps">
      <div className="field-label-row">
        <label htmlFor={id}>ε, L∞ budget{u.colour ? ' (/255)' : ' (pixels in [0,1])'}</label>
        <GlossaryTip term="ε" />
      </div>
      <div className="lab-eps-row">
        <input
          type="range"
          min={0}
          max={u.max}
          step={u.step}
          value={shown}
          aria-label={`ε slider${u.colour ? ', in 1/255 units' : ''}`}
          aria-valuetext={u.both(eps)}
          data-testid="attack-eps-slider"
          onChange={(e) => set(Number(e.target.value))}
        />
        <input
          id={id}
          type="number"
          min={0}
          max={u.max}
          step={u.step}
          value={text}
          data-testid="attack-eps"
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim() !== '') set(Number(e.target.value));
          }}
        />
      </div>
      <div className="field-hint" id={`${id}-hint`}>
        ε = <output data-testid="attack-eps-both">{u.both(eps)}</output> · 0–{u.max}
        {u.unit}
      </div>
    </div>
  );
}

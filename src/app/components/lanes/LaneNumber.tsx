// A lane's compact number box: a one-symbol visible label (T, α, σ, r), the full name for screen readers, the
// range and default in its tooltip, and the validation message of its config path beside it when it is wrong.
// The form's NumberField (fields.tsx) shows the same facts as text under the box, which a one-line lane has no
// room for.
import { useId } from 'react';
import { useStore } from '../../store';
import { useNumberText } from '../fields';

export interface LaneNumberProps {
  /** Shown: "T". */
  symbol: string;
  /** Spoken and in the tooltip: "Temperature T of S2". */
  name: string;
  path: string;
  value: number;
  min: number;
  max: number;
  step: number;
  defaultValue?: number;
  disabled?: boolean;
}

export function LaneNumber(p: LaneNumberProps) {
  const id = useId();
  const error = useStore((s) => s.fieldErrors[p.path]);
  const setField = useStore((s) => s.setField);
  const [text, onInput] = useNumberText(p.value, (v) => setField(p.path, v));
  const range = `${p.min}–${p.max}${p.defaultValue !== undefined ? `, default ${p.defaultValue}` : ''}`;
  return (
    <span className={`lane-field${error ? ' lane-invalid' : ''}`} data-field={p.path}>
      <label htmlFor={id} className="lane-symbol" title={p.name}>
        {p.symbol}
        <span className="visually-hidden"> ({p.name})</span>
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={p.min}
        max={p.max}
        step={p.step}
        disabled={p.disabled}
        title={`${p.name}: ${range}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onInput(e.target.value)}
      />
      {error ? (
        <span className="lane-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

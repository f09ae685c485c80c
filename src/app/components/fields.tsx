// Labelled form controls: every control has a visible label, its unit and range, its default, and the validation
// message for its config path right under it. A field whose path denotes a glossary symbol (T, α, σ, r, ε, PGD, KD)
// gets an info button by its label that explains it (the mapping by path: lib/glossary.ts).
import { useEffect, useId, useState, type ReactNode } from 'react';
import { glossaryTermFor } from '../lib/glossary';
import { useStore } from '../store';
import { GlossaryTip } from './GlossaryTip';

interface ShellProps {
  id: string;
  label: string;
  path: string;
  hint?: ReactNode;
  children: ReactNode;
}

function useFieldError(path: string): string | undefined {
  return useStore((s) => s.fieldErrors[path]);
}

function Shell({ id, label, path, hint, error: own, children }: ShellProps & { error?: string }) {
  const stored = useFieldError(path);
  const error = own ?? stored;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`} data-field={path}>
      <FieldLabel id={id} label={label} path={path} />
      {children}
      <HintAndError id={id} hint={hint} error={error} />
    </div>
  );
}

/** The label, with the glossary's info button beside it when the path denotes a glossary term. */
function FieldLabel({ id, label, path }: { id: string; label: string; path: string }) {
  const term = glossaryTermFor(path);
  if (!term) return <label htmlFor={id}>{label}</label>;
  return (
    <div className="field-label-row">
      <label htmlFor={id}>{label}</label>
      <GlossaryTip term={term} />
    </div>
  );
}

/** The hint and the validation message under a control, with the ids its aria-describedby names. */
function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

const fmt = (v: number) => (Number.isFinite(v) ? String(v) : '');

export interface NumberFieldProps {
  label: string;
  path: string;
  value: number;
  onChange(v: number): void;
  min: number;
  max: number;
  step?: number | 'any';
  unit?: string;
  defaultValue?: number;
  disabled?: boolean;
  note?: ReactNode;
}

export function NumberField(p: NumberFieldProps) {
  const id = useId();
  const error = useFieldError(p.path);
  const [text, onInput] = useNumberText(p.value, p.onChange);
  const range = `${p.min}–${p.max}${p.unit ? ` ${p.unit}` : ''}`;
  const hint = (
    <>
      {range}
      {p.defaultValue !== undefined ? ` · default ${p.defaultValue}` : ''}
      {p.note ? <> · {p.note}</> : null}
    </>
  );
  return (
    <Shell id={id} label={p.label} path={p.path} hint={hint}>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={p.min}
        max={p.max}
        step={p.step ?? 'any'}
        disabled={p.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onInput(e.target.value)}
      />
    </Shell>
  );
}

/**
 * A number box's text: local, so that "0." or an emptied box can exist while typing, while the store holds the
 * parsed number (NaN for an empty box, which validation reports). Shared by the form's fields and the lanes.
 */
export function useNumberText(value: number, onChange: (v: number) => void): [string, (text: string) => void] {
  const [text, setText] = useState(fmt(value));
  useEffect(() => {
    setText((t) => (Number(t) === value && t.trim() !== '' ? t : fmt(value)));
  }, [value]);
  const onInput = (t: string) => {
    setText(t);
    onChange(t.trim() === '' ? NaN : Number(t));
  };
  return [text, onInput];
}

export interface TextFieldProps {
  label: string;
  /** Names the field (data-field); the message shown is `error`, not the config's. */
  path: string;
  value: string;
  onChange(v: string): void;
  placeholder?: string;
  hint?: ReactNode;
  error?: string;
  testId?: string;
  disabled?: boolean;
}

/** Free text the caller parses (a seed list, sweep values): its parse error is shown under it. */
export function TextField(p: TextFieldProps) {
  const id = useId();
  return (
    <Shell id={id} label={p.label} path={p.path} hint={p.hint} error={p.error}>
      <input
        id={id}
        type="text"
        value={p.value}
        placeholder={p.placeholder}
        spellCheck={false}
        autoComplete="off"
        data-testid={p.testId}
        disabled={p.disabled}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </Shell>
  );
}

export interface SelectFieldProps<T extends string> {
  label: string;
  path: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(v: T): void;
  defaultValue?: T;
  hint?: ReactNode;
  testId?: string;
  disabled?: boolean;
}

export function SelectField<T extends string>(p: SelectFieldProps<T>) {
  const id = useId();
  const error = useFieldError(p.path);
  const def = p.options.find((o) => o.value === p.defaultValue)?.label;
  const hint =
    p.hint || def ? (
      <>
        {def ? `default ${def}` : ''}
        {p.hint && def ? ' · ' : ''}
        {p.hint}
      </>
    ) : undefined;
  return (
    <Shell id={id} label={p.label} path={p.path} hint={hint}>
      <select
        id={id}
        value={p.value}
        data-testid={p.testId}
        disabled={p.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => p.onChange(e.target.value as T)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export interface CheckboxFieldProps {
  label: string;
  path: string;
  checked: boolean;
  onChange(v: boolean): void;
  defaultValue?: boolean;
  hint?: ReactNode;
  disabled?: boolean;
  testId?: string;
}

export function CheckboxField(p: CheckboxFieldProps) {
  const id = useId();
  const error = useFieldError(p.path);
  const hint =
    p.defaultValue !== undefined || p.hint ? (
      <>
        {p.hint}
        {p.hint && p.defaultValue !== undefined ? ' · ' : ''}
        {p.defaultValue !== undefined ? `default ${p.defaultValue ? 'on' : 'off'}` : ''}
      </>
    ) : undefined;
  return (
    <div className={`field field-check${error ? ' field-invalid' : ''}`} data-field={p.path}>
      <input
        id={id}
        type="checkbox"
        checked={p.checked}
        disabled={p.disabled}
        data-testid={p.testId}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => p.onChange(e.target.checked)}
      />
      <FieldLabel id={id} label={p.label} path={p.path} />
      <HintAndError id={id} hint={hint} error={error} />
    </div>
  );
}

/** A field declared as data; without its own onChange it reports to the list's `onField(path, value)`. */
type Spec<K extends string, P extends { onChange(v: never): void }> = { kind: K } & Omit<P, 'onChange'> &
  Partial<Pick<P, 'onChange'>>;
export type FieldSpec =
  | Spec<'number', NumberFieldProps>
  | Spec<'select', SelectFieldProps<string>>
  | Spec<'check', CheckboxFieldProps>
  | Spec<'text', TextFieldProps>;

/** A form's fields in order; falsy entries are fields not shown in the current state. */
export type FieldList = readonly (FieldSpec | false | null | undefined)[];

interface FieldsProps {
  specs: FieldList;
  onField?(path: string, value: unknown): void;
}

/** Renders a form's field list in order, each with the control of its kind. */
export function Fields({ specs, onField }: FieldsProps) {
  return (
    <>
      {specs.map((f) => {
        if (!f) return null;
        const toList = (v: unknown) => onField?.(f.path, v);
        switch (f.kind) {
          case 'number':
            return <NumberField key={f.path} {...f} onChange={f.onChange ?? toList} />;
          case 'select':
            return <SelectField key={f.path} {...f} onChange={f.onChange ?? toList} />;
          case 'check':
            return <CheckboxField key={f.path} {...f} onChange={f.onChange ?? toList} />;
          case 'text':
            return <TextField key={f.path} {...f} onChange={f.onChange ?? toList} />;
        }
      })}
    </>
  );
}

/** A select spec typed by its own options, so that its onChange receives the option type without a cast. */
export function select<T extends string>(f: Omit<Spec<'select', SelectFieldProps<T>>, 'kind'>): FieldSpec {
  return { kind: 'select', ...f };
}

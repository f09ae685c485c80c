// Turns ANY input (a share link's JSON, a pasted config, stored state) into a valid config, keeping every field
// that is valid and resetting the rest to defaults, with one notice per repair naming its dotted path. Never throws.
//
// One walk over the schema through zod's public API (shape, options, element, unwrap): each field is checked on
// its own with safeParse; an invalid one takes the default of its variant (a WRN field a WRN default, a student
// field its method's default), an unknown key is dropped, and a student with an unknown method is removed. The
// walk visits only the schema's own keys, so its depth is the schema's whatever the input. Then the schema's two
// cross-field rules are repaired (a Fickle Teacher gets teacher dropout, the batch is clamped) and it parses once
// more; a rule this file does not know resets its section, then everything.
import { z } from 'zod';
import { defaultConfig, defaultStudent, MODEL_DEFAULTS, OPTIMIZER_DEFAULTS } from './defaults';
import { Notes, type Notice } from './notice';
import { isObj, own, type Obj } from './plain';
import {
  dataSpec,
  experimentConfig,
  studentSpec,
  type ExperimentConfig,
  type MethodId,
  type OptimizerSpec,
} from './schema';

export type { Notice } from './notice';
export { cleanText, renderValue } from './notice';
export { deepEqual } from './plain';

export interface Repaired {
  config: ExperimentConfig;
  notices: Notice[];
}

type Path = (string | number)[];
type Union = z.ZodDiscriminatedUnion<readonly z.ZodObject[]>;

const MAX_STUDENTS = 8;
/** Reported without their value: it is whatever a prototype chain holds. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Teacher dropout set when a Fickle Teacher student needs one (the default teacher's). */
export const FICKLE_DROPOUT = MODEL_DEFAULTS.teacher.cnn.dropout;

export function repairConfig(input: unknown): Repaired {
  const notes = new Notes();
  try {
    return { config: repair(input, notes), notices: notes.list() };
  } catch {
    // Only reachable through exotic inputs (throwing getters, proxies).
    notes.add('(config)', 'could not be read; using the defaults');
    return { config: defaultConfig(), notices: notes.list() };
  }
}

// Templates are only read (every value taken from them is cloned), so they are made once.
const memos = new Map<string, Obj>();
const memo = (key: string, make: () => object): Obj => memos.get(key) ?? memos.set(key, make() as Obj).get(key)!;

function repair(input: unknown, notes: Notes): ExperimentConfig {
  const defaults = memo('config', defaultConfig) as unknown as ExperimentConfig;
  if (!isObj(input)) {
    notes.add('(config)', 'not a config object; using the defaults', input);
    return defaultConfig();
  }
  const cfg = new Walk(notes).object(experimentConfig.shape, input, defaults, [], false);
  const first = experimentConfig.safeParse(cfg);
  if (first.success) return first.data;
  for (const issue of first.error.issues) fixRule(cfg, issue, notes);
  const second = experimentConfig.safeParse(cfg);
  if (second.success) return second.data;
  const sections = new Set(second.error.issues.map((i) => String(i.path[0] ?? '')));
  for (const key of sections) {
    if (!Object.hasOwn(defaults, key)) continue;
    notes.add(key, 'still invalid after repair; using the default section');
    cfg[key] = structuredClone((defaults as unknown as Obj)[key]);
  }
  const third = experimentConfig.safeParse(cfg);
  if (third.success) return third.data;
  notes.add('(config)', 'still invalid after repair; using the defaults');
  return defaultConfig();
}

/** The schema's cross-field rules (its superRefine), repaired as the app would. */
function fixRule(cfg: Obj, issue: z.core.$ZodIssue, notes: Notes): void {
  if (issue.code !== 'custom') return;
  const [head, , leaf] = issue.path;
  // A subtree that parsed is kept as given, so a field left to its zod default may be absent here.
  const model = (cfg.teacher as { model: Obj }).model;
  const data = dataSpec.safeParse(cfg.data);
  if (head === 'students' && leaf === 'method' && !(Number(model.dropout) > 0)) {
    notes.add('teacher.model.dropout', `Fickle Teacher needs teacher dropout > 0; using ${FICKLE_DROPOUT}`, 0);
    model.dropout = FICKLE_DROPOUT;
  } else if (head === 'batchSize' && issue.path.length === 1 && data.success) {
    notes.add('batchSize', `must not exceed the training set size; using ${data.data.trainSize}`, cfg.batchSize);
    cfg.batchSize = data.data.trainSize;
  }
}

class Walk {
  constructor(private readonly notes: Notes) {}

  /**
   * The fields of `shape`, each repaired against `dflt` (the default object of the same variant). `ok`: the
   * subtree is known to parse, so only unknown keys are left to find.
   */
  object(shape: Readonly<Record<string, z.ZodType>>, v: Obj, dflt: unknown, path: Path, ok: boolean): Obj {
    for (const k of Object.keys(v)) {
      if (!Object.hasOwn(shape, k)) {
        this.notes.add(name([...path, k]), 'unknown field, ignored', UNSAFE_KEYS.has(k) ? undefined : v[k]);
      }
    }
    const out: Obj = {};
    for (const [k, s] of Object.entries(shape)) {
      const x = this.field(s, own(v, k), isObj(dflt) ? dflt[k] : undefined, [...path, k], ok);
      if (x !== undefined) out[k] = x;
    }
    return out;
  }

  private field(schema: z.ZodType, v: unknown, dflt: unknown, path: Path, ok: boolean): unknown {
    const s = unwrap(schema);
    // A nested value that parses as a whole needs no per-field checks (only its unknown keys are left to find).
    const nested = s instanceof z.ZodObject || s instanceof z.ZodDiscriminatedUnion;
    if (!ok && nested && isObj(v)) ok = schema.safeParse(v).success;
    if (s instanceof z.ZodDiscriminatedUnion) return this.union(s as unknown as Union, v, dflt, path, ok);
    if (s instanceof z.ZodObject && isObj(v)) return this.object(s.shape, v, dflt, path, ok);
    if (s instanceof z.ZodArray && s.element === studentSpec && Array.isArray(v)) return this.students(v, dflt, ok);
    if (ok) return v;
    const r = schema.safeParse(v);
    if (r.success) return r.data;
    const issue = r.error.issues[0];
    const why = v === undefined ? 'missing' : issue?.code === 'invalid_union' ? 'not a valid choice' : issue?.message;
    this.notes.add(name(path), `${why}; using ${show(dflt, path)}`, v);
    return structuredClone(dflt);
  }

  /** One variant of a discriminated union: an unknown one becomes the default's, a missing tag the default's tag. */
  private union(u: Union, v: unknown, dflt: unknown, path: Path, ok: boolean): unknown {
    const { tagKey } = optionOf(u, undefined);
    if (!isObj(v) || !isObj(dflt)) {
      this.notes.add(name(path), `${v === undefined ? 'missing' : 'not an object'}; using the default`, v);
      return structuredClone(dflt);
    }
    let tag = own(v, tagKey);
    if (tag === undefined) {
      tag = dflt[tagKey];
      this.notes.add(name([...path, tagKey]), `missing; using ${String(tag)}`);
      v = { ...v, [tagKey]: tag };
    }
    const { option } = optionOf(u, tag);
    if (!option) {
      this.notes.add(name([...path, tagKey]), `unknown ${tagKey}; using the default ${name(path)}`, tag);
      return structuredClone(dflt);
    }
    const base = dflt[tagKey] === tag ? dflt : variantDefault(name(path), String(tag));
    return this.object(option.shape, v as Obj, base, path, ok);
  }

  /** At most 8; one that is not a student or has an unknown method is removed (named by its input index). */
  private students(list: unknown[], dflt: unknown, ok: boolean): unknown {
    if (list.length > MAX_STUDENTS) {
      this.notes.add('students', `at most ${MAX_STUDENTS} students; kept the first ${MAX_STUDENTS}`);
      list = list.slice(0, MAX_STUDENTS);
    }
    const out: Obj[] = [];
    list.forEach((el, i) => {
      const method = isObj(el) ? own(el, 'method') : undefined;
      const { option } = optionOf(studentSpec as unknown as Union, method);
      if (isObj(el) && option) {
        out.push(
          this.object(
            option.shape,
            el,
            memo(`student.${method}`, () => defaultStudent(method as MethodId)),
            ['students', i],
            ok || option.safeParse(el).success,
          ),
        );
        return;
      }
      const why = !isObj(el) ? 'not a student' : method === undefined ? 'student without a method' : 'unknown method';
      this.notes.add(`students.${i}`, `${why}; student removed`, isObj(el) ? method : el);
    });
    if (out.length > 0) return out;
    this.notes.add('students', 'no valid student; using the default students');
    return structuredClone(dflt);
  }
}

/** The defaults of a variant other than the default config's (a discriminator change keeps none of the old). */
function variantDefault(at: string, tag: string): Obj | undefined {
  if (at === 'data') return memo(`data.${tag}`, () => dataSpec.parse({ dataset: tag }));
  if (at === 'optimizer') return OPTIMIZER_DEFAULTS[tag as OptimizerSpec['type']];
  if (at === 'teacher.model' || at === 'student.model') {
    return MODEL_DEFAULTS[at === 'teacher.model' ? 'teacher' : 'student'][tag as 'cnn' | 'wrn'];
  }
  return undefined;
}

/** The option of a discriminated union for a tag, and the union's tag key (the key every option has as a literal). */
function optionOf(u: Union, tag: unknown): { tagKey: string; option?: z.ZodObject } {
  let m = unions.get(u);
  if (!m) {
    const keys = Object.keys(u.options[0].shape);
    const tagKey = keys.find((k) => u.options.every((o) => o.shape[k] instanceof z.ZodLiteral)) ?? '';
    const byTag = new Map(u.options.flatMap((o) => [...(o.shape[tagKey] as z.ZodLiteral).values].map((v) => [v, o])));
    unions.set(u, (m = { tagKey, byTag }));
  }
  return { tagKey: m.tagKey, option: m.byTag.get(tag as z.core.util.Literal) };
}
const unions = new WeakMap<Union, { tagKey: string; byTag: Map<unknown, z.ZodObject> }>();

/** Every field name used anywhere in the schema. */
export function schemaFieldNames(): ReadonlySet<string> {
  const names = new Set<string>();
  const visit = (schema: z.ZodType): void => {
    const s = unwrap(schema);
    if (s instanceof z.ZodObject) for (const [k, f] of Object.entries(s.shape)) (names.add(k), visit(f as z.ZodType));
    else if (s instanceof z.ZodUnion) s.options.forEach((o) => visit(o as z.ZodType));
    else if (s instanceof z.ZodArray) visit(s.element as z.ZodType);
  };
  visit(experimentConfig);
  return names;
}

function unwrap(s: z.ZodType): z.ZodType {
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
}

const name = (p: Path) => p.map(String).join('.');

/** A default as notice text: the value itself when short, else "the default <field>". */
function show(v: unknown, path: Path): string {
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) && v.every((x) => typeof x === 'number') ? `[${v.join(', ')}]` : `the default ${name(path)}`;
}

// Turns ANY input (a share link's JSON, a pasted config, stored state) into a valid config, keeping every field
// that is valid and resetting the rest to defaults, with one notice per repair. Never throws.
//
// Steps: (1) copy the input into a bounded plain tree (depth, keys, items, string length and node count capped;
// `__proto__`/`constructor`/`prototype` dropped) so nothing hostile reaches zod or our own objects; (2) drop
// fields the schema does not know; (3) parse, and for every issue reset the value at its path to the default of
// the same variant (a WRN field gets a WRN default, a student field its method's default), drop students with an
// unknown method, and apply the cross-field rules (clamp the batch size, give a Fickle Teacher's teacher dropout);
// repeat; (4) if that does not converge, reset whole top-level sections, then everything.
import type { z } from 'zod';
import { defaultConfig, defaultStudent } from './defaults';
import { dataSpec, experimentConfig, METHOD_IDS, type ExperimentConfig, type MethodId } from './schema';

export interface Notice {
  /** Dotted path of the field ("students.2.sigma"), or "(config)" / "(link)" for the whole thing. */
  field: string;
  message: string;
  /** The rejected value, sanitised for display (no control characters, at most 40 characters). */
  value?: string;
}

export interface Repaired {
  config: ExperimentConfig;
  notices: Notice[];
}

type Obj = Record<string, unknown>;
type Path = (string | number)[];

const MAX_PASSES = 12;
const MAX_NOTICES = 30;
// Bounds of the copied tree: far above anything valid (depth 4, 11 keys, 8 students, enum strings) and low
// enough that a hostile input costs milliseconds.
const MAX_DEPTH = 8;
const MAX_KEYS = 64;
const MAX_ITEMS = 64;
const MAX_STRING = 256;
const MAX_NODES = 5000;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Keys that pick a variant of a discriminated union in the schema. */
const DISCRIMINATORS = ['dataset', 'family', 'type', 'method'] as const;
/** Teacher dropout set when a Fickle Teacher student needs one (the default teacher's). */
export const FICKLE_DROPOUT = 0.4;

// Defaults of the variants the default config does not use (a discriminator change keeps nothing of the old
// variant). The CIFAR-10 models match datasetPreset's.
const VARIANT_TEMPLATES: Record<string, Record<string, Obj>> = {
  'teacher.model': {
    cnn: { family: 'cnn', channels: [32, 64], hidden: 256, dropout: 0.4 },
    wrn: { family: 'wrn', depth: 16, widen: 1, dropout: 0.3 },
  },
  'student.model': {
    cnn: { family: 'cnn', channels: [16, 32], hidden: 64, dropout: 0 },
    wrn: { family: 'wrn', depth: 10, widen: 1, dropout: 0 },
  },
  optimizer: {
    adam: { type: 'adam', lr: 0.002, weightDecay: 0 },
    sgd: { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 5e-4 },
  },
};

export function repairConfig(input: unknown): Repaired {
  const notes = new Notes();
  try {
    return { config: repair(input, notes), notices: notes.list() };
  } catch {
    // Only reachable through exotic inputs (throwing getters, proxies) or a schema rule this file does not know.
    notes.add('(config)', 'could not be read; using the defaults');
    return { config: defaultConfig(), notices: notes.list() };
  }
}

function repair(input: unknown, notes: Notes): ExperimentConfig {
  const defaults = defaultConfig();
  const budget = { nodes: MAX_NODES };
  const cfg = copyTree(input, [], 0, budget, notes);
  if (!isObj(cfg)) {
    notes.add('(config)', 'not a config object; using the defaults', cfg);
    return defaults;
  }
  stripUnknown(experimentConfig, cfg, [], notes);
  // Students are dropped as we go; notices name them by their index in the input.
  let studentIdx = Array.isArray(cfg.students) ? cfg.students.map((_, i) => i) : [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // Again each pass: a variant chosen by a repair has its own set of fields.
    if (pass > 0) stripUnknown(experimentConfig, cfg, [], notes);
    const issues = parseIssues(cfg);
    if (issues === null) return experimentConfig.parse(cfg);
    const fixer = new Fixer(cfg, defaults, notes, studentIdx);
    // Parents first, one fix per path: a replaced parent makes its children's issues moot.
    const byPath = new Map<string, { issue: z.core.$ZodIssue; rank: number }>();
    issues.forEach((issue, rank) => byPath.set(pathKey(toPath(issue.path)), { issue, rank }));
    const sorted = [...byPath.values()].sort((a, b) => a.issue.path.length - b.issue.path.length);
    // Notices come out in zod's order (the schema's field order), whatever order the fixes ran in.
    notes.startPass();
    for (const { issue, rank } of sorted) {
      notes.rank = rank;
      fixer.fix(issue);
    }
    notes.endPass();
    fixer.applyDrops();
    studentIdx = fixer.studentIdx;
    if (fixer.stuck) break;
  }

  // Did not converge (a rule this file does not know): reset the sections that still fail, then everything.
  const issues = parseIssues(cfg) ?? [];
  const sections = new Set(issues.map((i) => String(i.path[0] ?? '')));
  for (const key of sections) {
    if (key && Object.hasOwn(defaults, key)) {
      notes.add(key, 'still invalid after repair; using the default section');
      cfg[key] = structuredClone((defaults as unknown as Obj)[key]);
    }
  }
  if (parseIssues(cfg) === null) return experimentConfig.parse(cfg);
  notes.add('(config)', 'still invalid after repair; using the defaults');
  return defaults;
}

/** The parse issues, or null when the config is valid. */
function parseIssues(cfg: Obj): z.core.$ZodIssue[] | null {
  const r = experimentConfig.safeParse(cfg);
  if (r.success) return null;
  return r.error.issues;
}

class Fixer {
  /** A top-level value that already equals its default still fails: only the fallback can help. */
  stuck = false;
  private readonly done: string[] = [];
  private readonly drops = new Set<number>();

  constructor(
    private readonly cfg: Obj,
    private readonly defaults: ExperimentConfig,
    private readonly notes: Notes,
    public studentIdx: number[],
  ) {}

  fix(issue: z.core.$ZodIssue): void {
    const path = toPath(issue.path);
    const key = pathKey(path);
    // A parent already replaced in this pass: re-parse before touching its children.
    if (this.done.some((d) => key === d || key.startsWith(d + '.'))) return;
    if (path.length === 0) throw new Error('root issue'); // the root is an object here; let the caller reset
    this.done.push(key);

    if (path[0] === 'students') return this.fixStudents(issue, path);
    if (issue.code === 'custom' && key === 'batchSize') return this.clampBatch();

    // The discriminator itself is unknown (zod names it on the issue): the whole variant object goes.
    const discriminatorBad = issue.code === 'invalid_union' && 'discriminator' in issue && path.length > 1;
    const old = getAt(this.cfg, path);
    if (discriminatorBad && old === undefined) {
      // Missing rather than unknown: assume the default's variant and keep the other fields.
      const d = this.templateAt(path, false);
      if (typeof d === 'string') {
        setAt(this.cfg, path, d);
        this.notes.add(pathKey(path), `missing; using ${d}`);
        return;
      }
    }
    let target = discriminatorBad ? path.slice(0, -1) : path;
    for (;;) {
      // Replacing an unknown variant: the default's own variant, not one picked by the bad discriminator.
      const tmpl = this.templateAt(target, !(discriminatorBad && target.length === path.length - 1));
      const current = getAt(this.cfg, target);
      // No template here, or the template is what failed: escalate to the parent (top level always has one).
      if (target.length > 1 && (tmpl === undefined || deepEqual(tmpl, current))) {
        target = target.slice(0, -1);
        continue;
      }
      if (tmpl === undefined || deepEqual(tmpl, current)) {
        this.stuck = true;
        return;
      }
      setAt(this.cfg, target, structuredClone(tmpl));
      const d = path[path.length - 1];
      const reason = discriminatorBad ? `${old === undefined ? 'missing' : 'unknown'} ${d}` : reasonOf(issue, old);
      const using = target.length === path.length ? showValue(tmpl) : `the default ${pathKey(target)}`;
      this.notes.add(pathKey(path), `${reason}; using ${using}`, old);
      this.done.push(pathKey(target));
      return;
    }
  }

  applyDrops(): void {
    const students = this.cfg.students;
    if (this.drops.size === 0 || !Array.isArray(students)) return;
    this.cfg.students = students.filter((_, i) => !this.drops.has(i));
    this.studentIdx = this.studentIdx.filter((_, i) => !this.drops.has(i));
  }

  private fixStudents(issue: z.core.$ZodIssue, path: Path): void {
    const students = this.cfg.students;
    if (path.length === 1 || !Array.isArray(students)) {
      if (Array.isArray(students) && students.length > 8 && issue.code === 'too_big') {
        this.cfg.students = students.slice(0, 8);
        this.studentIdx = this.studentIdx.slice(0, 8);
        this.notes.add('students', 'at most 8 students; kept the first 8');
      } else {
        this.cfg.students = structuredClone(this.defaults.students);
        this.studentIdx = this.defaults.students.map((_, i) => i);
        const reason =
          Array.isArray(students) && students.length === 0 ? 'no valid student' : reasonOf(issue, students);
        this.notes.add('students', `${reason}; using the default students`, students);
      }
      this.done.push('students');
      return;
    }
    const i = Number(path[1]);
    const el = students[i];
    // Notices name the student by its index in the input; `path` stays in current indices for get/set.
    const name = (...rest: Path) => pathKey(['students', this.studentIdx[i] ?? i, ...rest]);
    const method = isObj(el) ? el.method : undefined;
    if (!isObj(el) || !isMethod(method)) {
      this.drops.add(i);
      const why = isObj(el) ? (method === undefined ? 'student without a method' : 'unknown method') : 'not a student';
      this.notes.add(name(), `${why}; student removed`, isObj(el) ? method : el);
      return;
    }
    if (issue.code === 'custom' && path[2] === 'method') return this.fickleTeacher(i, issue, name());
    const field = path[2];
    const tmpl = (defaultStudent(method) as unknown as Obj)[String(field)];
    const old = getAt(this.cfg, path);
    if (path.length !== 3 || tmpl === undefined || deepEqual(tmpl, old)) {
      students[i] = defaultStudent(method);
      this.notes.add(name(...path.slice(2)), `${reasonOf(issue, old)}; using the defaults of ${method}`, old);
      this.done.push(`students.${i}`);
      return;
    }
    el[String(field)] = structuredClone(tmpl);
    this.notes.add(name(field), `${reasonOf(issue, old)}; using ${showValue(tmpl)}`, old);
  }

  /** Fickle Teacher needs teacher dropout: give the teacher the default's rather than dropping the student. */
  private fickleTeacher(i: number, issue: z.core.$ZodIssue, name: string): void {
    const model = getAt(this.cfg, ['teacher', 'model']);
    const noDropout = !(typeof model === 'object' && model !== null && Number((model as Obj).dropout) > 0);
    if (isObj(model) && noDropout && !this.done.includes('teacher.model.dropout')) {
      const old = model.dropout;
      model.dropout = FICKLE_DROPOUT;
      this.done.push('teacher.model.dropout');
      this.notes.add('teacher.model.dropout', `Fickle Teacher needs teacher dropout > 0; using ${FICKLE_DROPOUT}`, old);
    } else if (!this.done.includes('teacher.model.dropout')) {
      // A rule this file does not know: the student goes rather than the loop spinning.
      this.drops.add(i);
      this.notes.add(name, `${issue.message}; student removed`);
    }
  }

  private clampBatch(): void {
    const data = this.cfg.data;
    const trainSize = isObj(data) && typeof data.trainSize === 'number' ? data.trainSize : NaN;
    const old = this.cfg.batchSize;
    if (!(trainSize >= 2)) return; // the data section has its own issue this pass
    this.cfg.batchSize = Math.floor(trainSize);
    this.notes.add('batchSize', `must not exceed the training set size; using ${Math.floor(trainSize)}`, old);
  }

  /** The default at `path` for the variant the config has chosen along it (undefined where it has none). */
  private templateAt(path: Path, switchLast = true): unknown {
    let t: unknown = this.defaults;
    let c: unknown = this.cfg;
    for (let k = 0; k <= path.length; k++) {
      if (k < path.length || switchLast) t = variantTemplate(path.slice(0, k), c, t);
      if (k === path.length) break;
      const seg = path[k];
      t = child(t, seg);
      c = child(c, seg);
    }
    return t;
  }
}

/** Switches the template to the config's variant where their discriminators differ. */
function variantTemplate(prefix: Path, c: unknown, t: unknown): unknown {
  if (!isObj(c) || !isObj(t)) return t;
  for (const d of DISCRIMINATORS) {
    if (!Object.hasOwn(c, d) || c[d] === t[d]) continue;
    const v = c[d];
    if (typeof v !== 'string') return undefined;
    if (d === 'dataset') {
      const r = dataSpec.safeParse({ dataset: v });
      return r.success ? r.data : undefined;
    }
    if (d === 'method') return isMethod(v) ? defaultStudent(v) : undefined;
    const table = VARIANT_TEMPLATES[pathKey(prefix)];
    return table && Object.hasOwn(table, v) ? table[v] : undefined;
  }
  return t;
}

// ---- unknown fields ----------------------------------------------------------------------------------------

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  items?: z.ZodType[];
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Deletes (with a notice) every key the schema does not know, following the config's union variants. */
function stripUnknown(schema: z.ZodType, v: unknown, path: Path, notes: Notes): void {
  let def = defOf(schema);
  while (def.innerType || (def.type === 'pipe' && def.in)) def = defOf((def.innerType ?? def.in)!);
  if (def.type === 'object' && def.shape && isObj(v)) {
    for (const k of Object.keys(v)) {
      if (Object.hasOwn(def.shape, k)) stripUnknown(def.shape[k], v[k], [...path, k], notes);
      else {
        notes.add(pathKey([...path, k]), 'unknown field, ignored', v[k]);
        delete v[k];
      }
    }
  } else if (def.type === 'union' && def.discriminator && def.options && isObj(v)) {
    const d = def.discriminator;
    const option = def.options.find((o) => {
      const lit = defOf(o).shape?.[d];
      return lit !== undefined && (defOf(lit).values ?? []).includes(v[d]);
    });
    if (option) stripUnknown(option, v, path, notes);
  } else if (def.type === 'array' && def.element && Array.isArray(v)) {
    v.forEach((x, i) => stripUnknown(def.element!, x, [...path, i], notes));
  } else if (def.type === 'tuple' && def.items && Array.isArray(v)) {
    def.items.forEach((s, i) => stripUnknown(s, v[i], [...path, i], notes));
  }
}

let fieldNames: Set<string> | null = null;

/** Every field name used anywhere in the schema. */
export function schemaFieldNames(): ReadonlySet<string> {
  if (fieldNames) return fieldNames;
  const names = new Set<string>();
  const visit = (schema: z.ZodType): void => {
    let def = defOf(schema);
    while (def.innerType || (def.type === 'pipe' && def.in)) def = defOf((def.innerType ?? def.in)!);
    if (def.shape) for (const [k, s] of Object.entries(def.shape)) (names.add(k), visit(s));
    def.options?.forEach(visit);
    def.items?.forEach(visit);
    if (def.element) visit(def.element);
  };
  visit(experimentConfig);
  return (fieldNames = names);
}

// ---- bounded copy ------------------------------------------------------------------------------------------

/** A plain-data copy with every dimension bounded; exotic values (functions, symbols) pass through for zod to reject. */
function copyTree(v: unknown, path: Path, depth: number, budget: { nodes: number }, notes: Notes): unknown {
  if (typeof v === 'string') return v.length > MAX_STRING ? v.slice(0, MAX_STRING) + '…' : v;
  if (v === null || typeof v !== 'object') return v;
  // Too deep or too big: junk either way, reported where it matters (unknown field or invalid value).
  if (depth >= MAX_DEPTH || --budget.nodes < 0) return null;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (let i = 0; i < Math.min(v.length, MAX_ITEMS); i++)
      out.push(copyTree(v[i], [...path, i], depth + 1, budget, notes));
    return out;
  }
  // Field names the schema knows come first, so junk keys cannot crowd valid fields out of the caps.
  const all = Object.keys(v);
  const known = all.filter((k) => schemaFieldNames().has(k));
  const other = all.filter((k) => !schemaFieldNames().has(k));
  if (other.length > MAX_KEYS) notes.add(pathKey(path), `${other.length - MAX_KEYS} more unknown fields, ignored`);
  const out: Obj = {};
  for (const k of [...known, ...other.slice(0, MAX_KEYS)]) {
    if (UNSAFE_KEYS.has(k)) {
      notes.add(pathKey([...path, k]), 'unknown field, ignored');
      continue;
    }
    out[k] = copyTree((v as Obj)[k], [...path, k], depth + 1, budget, notes);
  }
  return out;
}

// ---- notices -----------------------------------------------------------------------------------------------

class Notes {
  /** Sort key of the notices added now, within a pass. */
  rank = 0;
  private readonly items: { notice: Notice; rank: number }[] = [];
  private passStart = 0;
  private dropped = 0;

  add(field: string, message: string, value?: unknown): void {
    if (this.items.length >= MAX_NOTICES) {
      this.dropped++;
      return;
    }
    const n: Notice = { field: cleanText(field, 80) || '(config)', message: cleanText(message, 200) };
    const shown = value === undefined ? undefined : renderValue(value);
    if (shown !== undefined) n.value = shown;
    this.items.push({ notice: n, rank: this.rank });
  }

  startPass(): void {
    this.passStart = this.items.length;
  }

  endPass(): void {
    const pass = this.items.splice(this.passStart).sort((a, b) => a.rank - b.rank); // stable
    this.items.push(...pass);
    this.rank = 0;
  }

  list(): Notice[] {
    const out = this.items.map((i) => i.notice);
    return this.dropped === 0
      ? out
      : [...out, { field: '(config)', message: `${this.dropped} more problems not listed` }];
  }
}

/** A value as plain text for a notice: JSON-like, control and bidi characters removed, at most 40 characters. */
export function renderValue(v: unknown, max = 40): string {
  let s: string;
  try {
    if (typeof v === 'string') s = JSON.stringify((v.length > 200 ? v.slice(0, 200) : v).replace(INVISIBLE, ''));
    else if (typeof v === 'function') s = '[function]';
    else if (typeof v === 'symbol' || typeof v === 'bigint' || typeof v === 'number') s = String(v);
    else s = JSON.stringify(v) ?? String(v);
  } catch {
    s = Object.prototype.toString.call(v);
  }
  return cleanText(s, max);
}

// C0/C1 controls, zero-width and bidi-override characters: they could hide or reorder text in a notice.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Plain text for display: invisible characters removed, at most `max` characters (code points). */
export function cleanText(s: string, max: number): string {
  const chars = Array.from(s.slice(0, 4 * max).replace(INVISIBLE, ''));
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}

function reasonOf(issue: z.core.$ZodIssue, old: unknown): string {
  if (old === undefined) return 'missing';
  if (issue.code === 'invalid_union') return 'not a valid choice';
  return issue.message;
}

function showValue(v: unknown): string {
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? v : String(v);
  return Array.isArray(v) && v.every((x) => typeof x === 'number') ? `[${v.join(', ')}]` : 'the default';
}

// ---- helpers -----------------------------------------------------------------------------------------------

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isMethod(v: unknown): v is MethodId {
  return typeof v === 'string' && (METHOD_IDS as string[]).includes(v);
}

function toPath(p: readonly PropertyKey[]): Path {
  return p.map((k) => (typeof k === 'number' ? k : String(k)));
}

function pathKey(p: Path): string {
  return p.map(String).join('.');
}

function child(v: unknown, k: string | number): unknown {
  if (Array.isArray(v)) return typeof k === 'number' ? v[k] : undefined;
  return isObj(v) && Object.hasOwn(v, k) ? v[k] : undefined;
}

function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = child(v, k);
  return v;
}

function setAt(root: Obj, path: Path, value: unknown): void {
  let v: unknown = root;
  for (const k of path.slice(0, -1)) v = child(v, k);
  const last = path[path.length - 1];
  if (Array.isArray(v) && typeof last === 'number') v[last] = value;
  else if (isObj(v)) v[String(last)] = value;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Obj)[k], (b as Obj)[k]));
}

// repairConfig: any input becomes a valid config plus notices that name each repaired field by its dotted path.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_INPUT, defaultConfig } from './defaults';
import { repairConfig, schemaFieldNames, type Notice } from './repair';
import { expectCleanNotices, HOSTILE, int, mulberry32, pick, randomConfig, type Rand } from './testConfigs';
import { validateConfig } from './validate';

describe('repairConfig', () => {
  const base = () => structuredClone(DEFAULT_CONFIG_INPUT) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('passes a valid config through without notices', () => {
    const r = repairConfig(defaultConfig());
    expect(r).toEqual({ config: defaultConfig(), notices: [] });
  });

  it('never throws on non-objects or exotic inputs; falls back to defaults with a notice', () => {
    const throwing = Object.defineProperty({}, 'seed', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    for (const x of [null, undefined, [], 'x', 42, NaN, () => 1, Symbol('s'), 10n, throwing]) {
      const r = repairConfig(x);
      expect(r.config).toEqual(defaultConfig());
      expect(r.notices.length).toBeGreaterThan(0);
      expectCleanNotices(r.notices);
    }
  });

  it('keeps valid fields and resets each invalid one to its default, naming it', () => {
    const c = base();
    c.seed = 7;
    c.optimizer.lr = -0.1;
    c.schedule = 'sometimes';
    const r = repairConfig(c);
    expect(r.config.seed).toBe(7);
    expect(r.config.optimizer.lr).toBe(0.002);
    expect(r.config.schedule).toBe('cosine');
    expect(r.notices).toEqual([
      { field: 'optimizer.lr', message: expect.stringMatching(/greater than 0.*using 0.002/), value: '-0.1' },
      { field: 'schedule', message: expect.stringMatching(/using cosine/), value: '"sometimes"' },
    ]);
  });

  it("resets a field to its own variant's default (a WRN depth, a student's σ) and keeps the rest", () => {
    const c = base();
    c.data = { dataset: 'cifar-10', trainSize: 'lots' };
    c.teacher.model = { family: 'wrn', depth: 12, widen: 3, dropout: 0.2 };
    c.students[3] = { method: 'soft-randomization', sigma: 5, temperature: 7 };
    const r = repairConfig(c);
    expect(r.config.data).toEqual({ dataset: 'cifar-10', trainSize: 50000, testSize: 10000, augment: 'crop-flip' });
    expect(r.config.teacher.model).toEqual({ family: 'wrn', depth: 16, widen: 3, dropout: 0.2 });
    expect(r.config.students[3]).toMatchObject({ sigma: 0.2, temperature: 7 });
    expect(r.notices.map((n) => n.field).sort()).toEqual(['data.trainSize', 'students.3.sigma', 'teacher.model.depth']);
  });

  it('an unknown variant falls back to the default one; a missing discriminator keeps the other fields', () => {
    const c = base();
    c.teacher = { model: { family: 'vit', patch: 16 }, epochs: 3 };
    c.optimizer = { type: 'rmsprop', lr: 0.01 };
    c.data = { trainSize: 500, testSize: 300 };
    const r = repairConfig(c);
    expect(r.config.teacher).toEqual({ model: defaultConfig().teacher.model, epochs: 3 });
    expect(r.config.optimizer).toEqual(defaultConfig().optimizer);
    expect(r.config.data).toEqual({ dataset: 'mnist-10k', trainSize: 500, testSize: 300 });
    expect(r.notices.map((n) => [n.field, n.message])).toEqual([
      ['data.dataset', 'missing; using mnist-10k'],
      ['teacher.model.family', 'unknown family; using the default teacher.model'],
      ['optimizer.type', 'unknown type; using the default optimizer'],
    ]);
    // A plain (non-discriminated) union field is one field, not a variant.
    c.data = { dataset: 'synthetic', trainSize: 100, size: 8, channels: 2 };
    expect(repairConfig(c).config.data).toEqual({
      dataset: 'synthetic',
      trainSize: 100,
      testSize: 128,
      size: 8,
      channels: 1,
    });
  });

  it('drops students with an unknown method (notices use input positions); none left → default students', () => {
    const c = base();
    c.students = [{ method: 'dark-knowledge' }, 5, { method: 'hinton-kd', alpha: 3 }];
    const r = repairConfig(c);
    expect(r.config.students).toEqual([{ method: 'hinton-kd', temperature: 4, alpha: 0.9 }]);
    expect(r.notices.map((n) => n.field)).toEqual(['students.0', 'students.1', 'students.2.alpha']);
    c.students = [{ method: 'nope' }];
    expect(repairConfig(c).config.students).toEqual(defaultConfig().students);
    c.students = Array(20).fill({ method: 'student-alone' });
    expect(repairConfig(c).config.students).toHaveLength(8);
  });

  it('reports unknown and prototype keys as "unknown field, ignored" and never pollutes prototypes', () => {
    const c = JSON.parse(JSON.stringify(base()).replace('{', '{"__proto__":{"polluted":1},"colour":"red",'));
    c.teacher.constructor = { prototype: { polluted: 1 } };
    const r = repairConfig(c);
    expect(r.config).toEqual(defaultConfig());
    expect(r.notices).toEqual(
      expect.arrayContaining([
        { field: '__proto__', message: 'unknown field, ignored' },
        { field: 'colour', message: 'unknown field, ignored', value: '"red"' },
        { field: 'teacher.constructor', message: 'unknown field, ignored' },
      ]),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.config)).toBe(Object.prototype);
  });

  it('repairs the cross-field rules: Fickle Teacher gets teacher dropout 0.4, batch size is clamped', () => {
    const c = base();
    c.teacher.model.dropout = 0;
    c.data = { dataset: 'synthetic', trainSize: 40 };
    const r = repairConfig(c);
    expect(r.config.teacher.model.dropout).toBe(0.4);
    expect(r.config.batchSize).toBe(40);
    expect(r.notices).toEqual([
      { field: 'teacher.model.dropout', message: expect.stringMatching(/Fickle.*0.4/), value: '0' },
      { field: 'batchSize', message: expect.stringMatching(/training set.*40/), value: '64' },
    ]);
  });

  it('repairs the cross-field rules where the field is left to its zod default (teacher dropout absent)', () => {
    const c = base();
    c.teacher.model = { family: 'cnn', channels: [32, 64], hidden: 256 };
    const r = repairConfig(c);
    expect(r.config).toEqual(defaultConfig());
    expect(r.notices.map((n) => n.field)).toEqual(['teacher.model.dropout']);
  });

  it('renders rejected values as short plain text', () => {
    const c = base();
    c.backend = '\u0000\u001b[31m\u202eevil' + 'x'.repeat(100_000);
    const [n] = repairConfig(c).notices;
    expect(n.field).toBe('backend');
    expect(n.value).toMatch(/^"\[31mevilxxx.*…$/);
    expectCleanNotices([n]);
  });

  it('bounds hostile sizes: deep nesting, huge arrays and many keys stay fast', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 50_000; i++) deep = (deep.a = {}) as Record<string, unknown>;
    const many = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
    const t0 = performance.now();
    for (const junk of [
      { ...base(), root },
      { ...many, ...base() },
      { ...base(), students: Array(1e5).fill(1) },
    ]) {
      const r = repairConfig(junk);
      expect(validateConfig(r.config).ok).toBe(true);
      expect(r.notices.length).toBeLessThanOrEqual(31);
    }
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

type Tree = Record<string | number, unknown>;

/** A random path to a field of `c` (an object, array element or leaf), at least one step deep. */
function randomPath(r: Rand, c: unknown): (string | number)[] {
  const path: (string | number)[] = [];
  let v = c;
  while (v !== null && typeof v === 'object' && (path.length === 0 || r() < 0.6)) {
    const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    if (keys.length === 0) break;
    const k = pick(r, keys as (string | number)[]);
    path.push(k);
    v = (v as Tree)[k];
  }
  return path;
}

function parentOf(root: unknown, path: (string | number)[]): Tree {
  let at = root as Tree;
  for (const k of path.slice(0, -1)) at = at[k] as Tree;
  return at;
}

/** Whether a notice names `path` or a field along it (a repair can reset a parent or name a child). */
const related = (n: Notice, path: string) =>
  n.field === path || path.startsWith(n.field + '.') || n.field.startsWith(path + '.');

describe('repairConfig fuzz', () => {
  it('passes 1,000 random valid configs through unchanged, without notices', () => {
    for (let i = 1; i <= 1000; i++) {
      const c = randomConfig(i);
      const r = repairConfig(structuredClone(c));
      if (r.notices.length || JSON.stringify(r.config) !== JSON.stringify(c)) {
        expect({ seed: i, ...r }).toEqual({ seed: i, config: c, notices: [] });
      }
    }
  });

  it('never throws on 4,000 hostile inputs: always a valid config, with a notice naming the broken field', () => {
    const r = mulberry32(77);
    const t0 = performance.now();
    const names = [...schemaFieldNames()];
    for (let i = 0; i < 4000; i++) {
      const c = randomConfig(int(r, 1, 1e6)) as unknown as Tree;
      const path = randomPath(r, c);
      const at = parentOf(c, path);
      const last = path[path.length - 1];
      const kind = int(r, 0, 3);
      let input: unknown = c;
      let expected: string;
      if (kind === 0) {
        at[last] = pick(r, HOSTILE);
        expected = path.join('.');
      } else if (kind === 1 && !Array.isArray(at)) {
        // An unknown key (sometimes a field name from elsewhere in the schema) next to a real one.
        const k = pick(r, ['unknownField', 'x'.repeat(50), pick(r, names) + '_', 'TEMPERATURE']);
        at[k] = pick(r, HOSTILE);
        expected = [...path.slice(0, -1), k].join('.');
      } else if (kind === 2) {
        // A prototype key, written as JSON text so that it is an own field (as JSON.parse makes it).
        const key = pick(r, ['__proto__', 'constructor', 'prototype']);
        const json = JSON.stringify(c);
        input = JSON.parse(`{"${key}":{"polluted":true},${json.slice(1)}`);
        expected = key;
      } else {
        // Random junk JSON where a section was.
        const junk = Array.from({ length: int(r, 0, 30) }, () => pick(r, ['{', '}', '[', ']', '1', '"a"', ',', ':']));
        let parsed: unknown = junk.join('');
        try {
          parsed = JSON.parse(parsed as string);
        } catch {
          // the raw string then
        }
        const section = pick(r, Object.keys(c));
        if (JSON.stringify(parsed) === JSON.stringify(c[section])) continue;
        c[section] = parsed;
        expected = section;
      }
      const res = repairConfig(input);
      const ok = validateConfig(res.config).ok;
      if (!ok || !res.notices.some((n) => related(n, expected))) {
        expect({ i, expected, ok, notices: res.notices }).toBe('a valid config and a notice naming the field');
      }
      expectCleanNotices(res.notices);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const seconds = (performance.now() - t0) / 1000;
    console.log(`repair fuzz: 4000 hostile configs in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(20);
  });

  it('names unknown keys by their dotted path at every depth', () => {
    const c = structuredClone(DEFAULT_CONFIG_INPUT) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    c.extra = 1;
    c.data.colour = 'red';
    c.teacher.model.kernel = 5;
    c.students[1].beta = 2;
    c.attack = { eps: 0.1, norm: 'l2' };
    const r = repairConfig(c);
    expect(r.notices.map((n) => [n.field, n.message])).toEqual([
      ['extra', 'unknown field, ignored'],
      ['data.colour', 'unknown field, ignored'],
      ['teacher.model.kernel', 'unknown field, ignored'],
      ['students.1.beta', 'unknown field, ignored'],
      ['attack.norm', 'unknown field, ignored'],
    ]);
    expect(r.config).toEqual(defaultConfig());
  });

  it('resets 1e308, huge strings and deeply nested values field by field, and keeps the rest', () => {
    const c = structuredClone(DEFAULT_CONFIG_INPUT) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    c.seed = 1e308;
    c.batchSize = '9'.repeat(1_000_000);
    c.teacher.epochs = deep;
    c.students[3].sigma = -1e308;
    c.schedule = 'step';
    const r = repairConfig(c);
    expect(r.notices.map((n) => n.field)).toEqual(['seed', 'teacher.epochs', 'students.3.sigma', 'batchSize']);
    expectCleanNotices(r.notices);
    expect(r.config).toEqual({ ...defaultConfig(), schedule: 'step' });
  });
});

// Config defaults and validation: every error names its field as a dotted path.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_INPUT, defaultConfig, defaultStudent } from './defaults';
import { METHOD_IDS } from './schema';
import { formatErrors, validateConfig, type FieldError } from './validate';

// A mutable deep copy of the default input.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const base = (): any => structuredClone(DEFAULT_CONFIG_INPUT);

function errorsOf(mutate: (c: ReturnType<typeof base>) => void): FieldError[] {
  const c = base();
  mutate(c);
  const r = validateConfig(c);
  if (r.ok) throw new Error('expected the config to be rejected');
  return r.errors;
}

describe('defaults', () => {
  it('defaultConfig() is valid and round-trips through validateConfig unchanged', () => {
    const cfg = defaultConfig();
    const r = validateConfig(cfg);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config).toEqual(cfg);
  });

  it('has a teacher with dropout (Fickle Teacher works out of the box) and the paper defaults T=4, α=0.9', () => {
    const cfg = defaultConfig();
    expect(cfg.teacher.model.dropout).toBeGreaterThan(0);
    const kd = cfg.students.find((s) => s.method === 'hinton-kd');
    expect(kd).toMatchObject({ temperature: 4, alpha: 0.9 });
  });

  it('defaultStudent gives a valid student for every method', () => {
    for (const m of METHOD_IDS) {
      const s = defaultStudent(m);
      expect(s.method).toBe(m);
      expect(validateConfig({ ...base(), students: [s] }).ok).toBe(true);
    }
  });
});

describe('validateConfig rejections (dotted field paths)', () => {
  it('negative learning rate → optimizer.lr', () => {
    const e = errorsOf((c) => (c.optimizer.lr = -0.1));
    expect(e).toEqual([{ field: 'optimizer.lr', message: expect.any(String) }]);
  });

  it('sigma out of range → students.N.sigma', () => {
    const e = errorsOf((c) => (c.students[3] = { method: 'soft-randomization', sigma: 5 }));
    expect(e.map((x) => x.field)).toEqual(['students.3.sigma']);
    expect(errorsOf((c) => (c.students[0] = { method: 'gaussian-augmentation', sigma: 0 }))[0].field).toBe(
      'students.0.sigma',
    );
  });

  it("unknown method → students.N.method with 'unknown method'", () => {
    const e = errorsOf((c) => (c.students[1] = { method: 'dark-knowledge-9000' }));
    expect(e).toEqual([{ field: 'students.1.method', message: 'unknown method' }]);
  });

  it('epochs 0 → teacher.epochs / student.epochs', () => {
    expect(errorsOf((c) => (c.teacher.epochs = 0)).map((x) => x.field)).toEqual(['teacher.epochs']);
    expect(errorsOf((c) => (c.student.epochs = 0)).map((x) => x.field)).toEqual(['student.epochs']);
  });

  it('seed 0 → seed (tfjs ignores seed 0), and non-integer seeds too', () => {
    const e = errorsOf((c) => (c.seed = 0));
    expect(e.map((x) => x.field)).toEqual(['seed']);
    expect(e[0].message).toMatch(/seed 0|positive/);
    expect(errorsOf((c) => (c.seed = 1.5)).map((x) => x.field)).toEqual(['seed']);
  });

  it('fickle teacher with teacher dropout 0 → students.N.method', () => {
    const e = errorsOf((c) => (c.teacher.model.dropout = 0));
    const i = DEFAULT_CONFIG_INPUT.students.findIndex((s) => s.method === 'fickle-teacher');
    expect(e).toEqual([{ field: `students.${i}.method`, message: expect.stringMatching(/dropout/) }]);
    // Also for a custom recipe with a fickle teacher, but not when that custom student does not distil.
    const custom = errorsOf((c) => {
      c.teacher.model.dropout = 0;
      c.students = [{ method: 'custom', fickle: true }];
    });
    expect(custom.map((x) => x.field)).toEqual(['students.0.method']);
    const c = base();
    c.teacher.model.dropout = 0;
    c.students = [{ method: 'custom', kd: false, fickle: true }];
    expect(validateConfig(c).ok).toBe(true);
  });

  it('batch size larger than the training set → batchSize', () => {
    const e = errorsOf((c) => {
      c.data = { dataset: 'synthetic', trainSize: 100 };
      c.batchSize = 128;
    });
    expect(e.map((x) => x.field)).toEqual(['batchSize']);
    expect(e[0].message).toMatch(/100/);
  });

  it('invalid WRN depth → teacher.model.depth; several errors are all reported', () => {
    const e = errorsOf((c) => {
      c.teacher.model = { family: 'wrn', depth: 12, widen: 2, dropout: 0.3 };
      c.optimizer.lr = 0;
      c.students[0] = { method: 'messy-collaboration', rate: 1.5 };
    });
    expect(e.map((x) => x.field).sort()).toEqual(['optimizer.lr', 'students.0.rate', 'teacher.model.depth']);
  });

  it('non-object input is rejected with a (config) field', () => {
    const r = validateConfig('nope');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].field).toBe('(config)');
  });

  it('formatErrors prints one "field: message" line per error', () => {
    expect(
      formatErrors([
        { field: 'optimizer.lr', message: 'must be greater than 0' },
        { field: 'seed', message: 'x' },
      ]),
    ).toBe('optimizer.lr: must be greater than 0\nseed: x');
  });
});

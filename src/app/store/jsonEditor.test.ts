// The JSON editor reports everything it would not apply, through the same repair path as share links: unknown
// keys (also __proto__, constructor, prototype), invalid values, huge inputs. Fuzzed with 10,000 hostile configs
// on the real config slice: nothing throws, every injected problem is named, nothing is applied or started.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { HOSTILE, int, mulberry32, pick, randomConfig, type Rand } from '../../core/config/testConfigs';
import { createConfigSlice, type ConfigSlice } from './configSlice';
import type { Store } from './types';

const configStore = () =>
  createStore<ConfigSlice>()((set, get, api) => createConfigSlice(set as never, get as () => Store, api as never));

type Obj = Record<string, unknown>;
const SECTIONS = ['', 'data', 'teacher', 'teacher.model', 'student.model', 'optimizer', 'attack', 'students.0'];
const LEAVES = ['seed', 'batchSize', 'teacher.epochs', 'optimizer.lr', 'data.trainSize', 'students.0.method'];
const UNKNOWN = ['__proto__', 'constructor', 'prototype', 'bogus', 'toString', 'évil\u202e', 'k'.repeat(300)];

const at = (o: Obj, path: string): Obj | undefined =>
  path ? (path.split('.').reduce<unknown>((x, k) => (x as Obj | undefined)?.[k], o) as Obj | undefined) : o;

/** An own, enumerable key even for '__proto__' (plain assignment would set the prototype). */
const put = (o: Obj, k: string, v: unknown) =>
  Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });

/** A valid random config with 1–4 injected problems; returns the text and the paths that must be reported. */
function hostile(r: Rand, seed: number): { text: string; paths: string[] } {
  const cfg = JSON.parse(JSON.stringify(randomConfig(seed))) as Obj;
  const paths: string[] = [];
  for (let n = int(r, 1, 4); n > 0; n--) {
    if (r() < 0.5) {
      const section = pick(r, SECTIONS);
      const target = at(cfg, section);
      if (!target || typeof target !== 'object') continue;
      const key = pick(r, UNKNOWN);
      put(target, key, pick(r, HOSTILE));
      paths.push(section ? `${section}.${key}` : key);
    } else {
      const leaf = pick(r, LEAVES);
      const parts = leaf.split('.');
      const parent = at(cfg, parts.slice(0, -1).join('.'));
      if (!parent) continue;
      put(
        parent,
        parts.at(-1)!,
        pick(
          r,
          HOSTILE.filter((v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0),
        ),
      );
      paths.push(leaf);
    }
  }
  return { text: JSON.stringify(cfg), paths };
}

/**
 * Reported: the path itself, a field under it, or a parent that was reported whole; or the list was capped
 * ('(config)'). Notices cut long names to 80 characters with '…' and drop invisible characters.
 */
function reported(fields: string[], path: string): boolean {
  const clean = (s: string) => s.replace(/[^\w.]/g, '');
  const p = clean(path);
  return fields.some((f) => {
    const g = clean(f);
    if (f.endsWith('…')) return p.startsWith(g);
    return g === p || g.startsWith(`${p}.`) || p.startsWith(`${g}.`) || f === '(config)';
  });
}

describe('JSON editor', () => {
  it('a valid config applies; one with an unknown key is refused and names the key', () => {
    const s = configStore();
    const ok = randomConfig(7);
    s.getState().setJsonText(JSON.stringify(ok));
    expect(s.getState().applyJson()).toBe(true);
    expect(s.getState().draft).toEqual(ok);
    const before = s.getState().draft;
    s.getState().setJsonText(JSON.stringify({ ...ok, teacher: { ...ok.teacher, warmup: 3 } }));
    expect(s.getState().applyJson()).toBe(false);
    expect(s.getState().jsonErrors).toEqual([{ field: 'teacher.warmup', message: 'unknown field, ignored (3)' }]);
    expect(s.getState().draft).toBe(before);
  });

  it('the fault run’s cases: __proto__, constructor.prototype, 10,000 unknown keys, a 5 MB unknown field', () => {
    const s = configStore();
    const base = JSON.stringify(randomConfig(3)).slice(0, -1);
    const many = Array.from({ length: 10_000 }, (_, i) => `"u${i}":1`).join(',');
    const cases: [string, RegExp][] = [
      [`${base},"__proto__":{"polluted":1}}`, /__proto__/],
      [`${base},"constructor":{"prototype":{"polluted":1}}}`, /constructor/],
      [`${base},${many}}`, /u0|more problems/],
      [`${base},"big":"${'x'.repeat(5_000_000)}"}`, /big/],
    ];
    for (const [text, field] of cases) {
      const before = s.getState().draft;
      s.getState().setJsonText(text);
      expect(s.getState().applyJson()).toBe(false);
      expect(
        s
          .getState()
          .jsonErrors.map((e) => e.field)
          .join(' '),
      ).toMatch(field);
      expect(s.getState().draft).toBe(before);
      expect(({} as Obj).polluted).toBeUndefined();
    }
    expect(s.getState().jsonErrors.every((e) => e.message.length <= 300)).toBe(true);
  });

  it('10,000 hostile configs: no throw, every injected problem reported, nothing applied', () => {
    const r = mulberry32(2026);
    const s = configStore();
    const before = s.getState().draft;
    let problems = 0;
    for (let i = 0; i < 10_000; i++) {
      const { text, paths } = hostile(r, 1000 + i);
      s.getState().setJsonText(text);
      let applied: boolean;
      expect(() => (applied = s.getState().applyJson())).not.toThrow();
      if (!paths.length) continue;
      problems += paths.length;
      expect(applied!).toBe(false);
      const fields = s.getState().jsonErrors.map((e) => e.field);
      for (const p of paths) if (!reported(fields, p)) throw new Error(`case ${i}: ${p} not reported in ${fields}`);
      expect(s.getState().draft).toBe(before);
    }
    expect(problems).toBeGreaterThan(15_000);
    expect(({} as Obj).polluted).toBeUndefined();
  }, 180_000);
});

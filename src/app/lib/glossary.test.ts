import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../core/config/defaults';
import { experimentConfig } from '../../core/config/schema';
import { GLOSSARY, glossaryTermFor, glossaryText } from './glossary';

/** Every leaf path of a config object, as the forms name their fields (students.0.temperature). */
function leafPaths(v: unknown, at = ''): string[] {
  if (v === null || typeof v !== 'object') return [at];
  return Object.entries(v).flatMap(([k, x]) => leafPaths(x, at ? `${at}.${k}` : k));
}

describe('glossary', () => {
  it('has a text for every term, the help dialog and the info buttons read the same one', () => {
    expect(GLOSSARY.map(([t]) => t)).toEqual(['KD', 'T', 'α', 'σ', 'r', 'ε', 'PGD', 'Δ']);
    for (const [term, text] of GLOSSARY) {
      expect(text.length).toBeGreaterThan(20);
      expect(glossaryText(term)).toBe(text);
    }
    expect(glossaryText('T')).toMatch(/^temperature/);
  });

  it('maps the field paths of the forms to their terms by suffix', () => {
    expect(glossaryTermFor('students.0.temperature')).toBe('T');
    expect(glossaryTermFor('students.3.alpha')).toBe('α');
    expect(glossaryTermFor('students.1.sigma')).toBe('σ');
    expect(glossaryTermFor('students.2.rate')).toBe('r');
    expect(glossaryTermFor('students.2.studentLabelNoise')).toBe('r');
    expect(glossaryTermFor('students.2.teacherLabelNoise')).toBe('r');
    expect(glossaryTermFor('students.4.kd')).toBe('KD');
    expect(glossaryTermFor('attack.eps')).toBe('ε');
    expect(glossaryTermFor('lab.eps')).toBe('ε');
    expect(glossaryTermFor('lab.steps')).toBe('PGD');
    expect(glossaryTermFor('lab.stepSize')).toBe('PGD');
    expect(glossaryTermFor('attack.steps')).toBe('PGD');
    expect(glossaryTermFor('attack.afterRun')).toBe('PGD');
    // Not terms: training settings, and a sweep's parameter menu (whatever it names).
    for (const p of ['seed', 'batchSize', 'optimizer.lr', 'teacher.epochs', 'lab.seed', 'study.sweep.param'])
      expect(glossaryTermFor(p), p).toBeNull();
    expect(glossaryTermFor('temperature.x')).toBeNull();
    expect(glossaryTermFor('toString')).toBeNull(); // no lookup through the prototype
  });

  it('over a real config with every method, exactly the glossary fields get a term', () => {
    const cfg = experimentConfig.parse({
      ...defaultConfig(),
      students: [
        { method: 'hinton-kd' },
        { method: 'soft-randomization', sigma: 0.2 },
        { method: 'messy-collaboration', rate: 0.3 },
        { method: 'custom' },
      ],
    });
    const mapped = Object.fromEntries(
      leafPaths(cfg).flatMap((p) => {
        const t = glossaryTermFor(p);
        return t ? [[p, t]] : [];
      }),
    );
    expect(mapped).toMatchObject({
      'students.0.temperature': 'T',
      'students.0.alpha': 'α',
      'students.1.sigma': 'σ',
      'students.2.rate': 'r',
      'students.3.kd': 'KD',
      'students.3.studentLabelNoise': 'r',
      'students.3.teacherLabelNoise': 'r',
      'attack.eps': 'ε',
      'attack.steps': 'PGD',
    });
    // Nothing outside the students and the attack is a glossary symbol.
    expect(Object.keys(mapped).filter((p) => !/^(students\.\d+|attack)\./.test(p))).toEqual([]);
  });
});

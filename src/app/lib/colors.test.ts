// Colours follow the method: the same method has the same colour in any run, whatever its slot; a repeated
// method gets a distinct spare colour; teachers keep their greys.
import { describe, expect, it } from 'vitest';
import { colorsFor, methodColor } from './colors';

const s = (i: number, method: string) => ({ id: `student-${i}`, kind: 'student', method });

describe('colorsFor', () => {
  it('gives a method the same colour in any slot and any run', () => {
    const a = colorsFor([{ id: 'teacher', kind: 'teacher' }, s(1, 'student-alone'), s(2, 'hinton-kd')]);
    const b = colorsFor([{ id: 'teacher', kind: 'teacher' }, s(1, 'hinton-kd'), s(2, 'fickle-teacher')]);
    expect(a['student-2']).toBe(b['student-1']);
    expect(a['student-2']).toBe(methodColor('hinton-kd'));
    expect(a.teacher).toBe(b.teacher);
  });

  it('a repeated method and every model get distinct colours', () => {
    const c = colorsFor([
      { id: 'teacher', kind: 'teacher' },
      { id: 'teacher-r0.2', kind: 'teacher' },
      s(1, 'messy-collaboration'),
      s(2, 'messy-collaboration'),
      s(3, 'soft-randomization'),
      s(4, 'soft-randomization'),
    ]);
    expect(new Set(Object.values(c)).size).toBe(6);
    expect(c['student-1']).toBe(methodColor('messy-collaboration'));
  });
});

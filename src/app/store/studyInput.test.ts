// The study controls through the real config slice: the text writes draft.study, errors block Train and name
// what is wrong, a study from the JSON editor rewrites the text, and a sweep-only study follows the Seed field.
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../core/config/defaults';
import { trainBlocker } from '../components/RunControls';
import { formatSeeds, inputOf, NO_STUDY_INPUT } from './studyInput';
import { useStore } from '.';

const s = useStore.getState;

beforeEach(() => {
  s().setJsonText(JSON.stringify(defaultConfig()));
  expect(s().applyJson()).toBe(true);
  s().setStudyInput(NO_STUDY_INPUT);
  useStore.setState({ backendPending: false });
});

describe('study controls', () => {
  it('seeds: a count, a list or a range becomes draft.study; empty means one run with the Seed field', () => {
    s().setStudyInput({ seeds: '3' });
    expect(s().draft.study).toEqual({ seeds: [1, 2, 3] });
    expect(s().validation.ok).toBe(true);
    expect(JSON.parse(s().jsonText).study).toEqual({ seeds: [1, 2, 3] });
    s().setStudyInput({ seeds: '2, 5-7' });
    expect(s().draft.study).toEqual({ seeds: [2, 5, 6, 7] });
    s().setStudyInput({ seeds: '' });
    expect(s().draft.study).toBeUndefined();
    expect('study' in s().draft).toBe(false);
  });

  it('a bad seed list is named under the control and blocks Train; the draft keeps its last study', () => {
    s().setStudyInput({ seeds: '1-3' });
    s().setStudyInput({ seeds: '0,1' });
    expect(s().studyErrors.seeds).toBe('seeds must be positive integers (tfjs ignores seed 0)');
    expect(s().draft.study).toEqual({ seeds: [1, 2, 3] });
    expect(trainBlocker(s(), null)).toMatch(/study settings/);
    s().setStudyInput({ seeds: '11' });
    expect(s().studyErrors.seeds).toMatch(/a count must be 1 to 10/);
    s().setStudyInput({ seeds: '4,5,6' });
    expect(s().studyErrors).toEqual({});
    expect(trainBlocker(s(), null)).toBeNull();
  });

  it('a sweep: parsed values, values out of range, and a parameter no student uses', () => {
    s().setStudyInput({ seeds: '3', param: 'sigma', values: '0.05, 0.1, 0.2' });
    expect(s().draft.study).toEqual({ seeds: [1, 2, 3], sweep: { param: 'sigma', values: [0.05, 0.1, 0.2] } });
    expect(s().studyErrors).toEqual({});
    s().setStudyInput({ values: '0.1, 0' });
    expect(s().studyErrors.sweep).toMatch(/σ = 0 is invalid at students\.\d\.sigma/);
    s().setStudyInput({ seeds: '0,1' }); // both controls' problems at once
    expect(s().studyErrors.seeds).toMatch(/positive/);
    expect(s().studyErrors.sweep).toMatch(/σ = 0 is invalid/);
    s().setStudyInput({ seeds: '3' });
    s().setStudyInput({ values: '0.1, 0.1' });
    expect(s().studyErrors.sweep).toBe('values must be distinct');
    s().setStudyInput({ values: '' });
    expect(s().studyErrors.sweep).toMatch(/give the values/);
    s().setStudyInput({ param: 'rate', values: '0.1, 0.3' });
    const hasMessy = s().draft.students.some((x) => x.method === 'messy-collaboration');
    expect(!!s().studyErrors.sweep).toBe(!hasMessy);
    // Removing the students a sweep changes makes it change nothing: re-checked on every edit.
    s().setStudyInput({ param: 'sigma', values: '0.1, 0.2' });
    expect(s().studyErrors).toEqual({});
    const sigmaAt = () => s().draft.students.findIndex((x) => 'sigma' in x);
    while (sigmaAt() >= 0) s().removeStudent(sigmaAt());
    expect(s().studyErrors.sweep).toMatch(/changes nothing/);
    expect(trainBlocker(s(), null)).toMatch(/study settings/);
  });

  it('a sweep without seeds of its own follows the Seed field', () => {
    s().setStudyInput({ param: 'temperature', values: '2, 4' });
    expect(s().draft.study).toEqual({ seeds: [s().draft.seed], sweep: { param: 'temperature', values: [2, 4] } });
    s().setField('seed', 77);
    expect(s().draft.study?.seeds).toEqual([77]);
    s().setField('seed', NaN); // mid-edit: only the Seed field complains
    expect(s().draft.study?.seeds).toEqual([77]);
    expect(Object.keys(s().fieldErrors)).toEqual(['seed']);
  });

  it('a study from the JSON editor rewrites the controls', () => {
    s().setStudyInput({ seeds: 'junk' });
    const cfg = { ...defaultConfig(), seed: 9, study: { seeds: [9], sweep: { param: 'alpha', values: [0.5, 0.9] } } };
    s().setJsonText(JSON.stringify(cfg));
    expect(s().applyJson()).toBe(true);
    expect(s().studyInput).toEqual({ seeds: '', param: 'alpha', values: '0.5, 0.9' });
    expect(s().studyErrors).toEqual({});
    s().setJsonText(JSON.stringify({ ...cfg, study: { seeds: [1, 2, 3, 8] } }));
    expect(s().applyJson()).toBe(true);
    expect(s().studyInput).toEqual({ seeds: '1-3, 8', param: '', values: '' });
    expect(inputOf({ seeds: [4] }, 1).seeds).toBe('4-4'); // "4" alone would mean four seeds
    expect(formatSeeds([1, 2, 3])).toBe('1-3');
  });
});

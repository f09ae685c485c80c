// Importing a run JSON: this app's exports come back as history records; anything else is refused or repaired.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { validateConfig } from '../../../core/config/validate';
import type { ModelResult } from '../../../core/train/events';
import { currentRunJson, historyRunJson, parseRunJson } from './runJson';

const result: ModelResult = {
  id: 'teacher',
  label: 'Teacher',
  kind: 'teacher',
  method: 'teacher',
  architecture: 'CNN',
  params: 10,
  testAcc: 0.9,
  testLoss: 0.3,
  trainAcc: NaN, // a reused teacher: JSON writes null
  trainLoss: NaN,
  seconds: 1,
  imgPerSec: 100,
  history: [
    { id: 'teacher', epoch: 1, trainLoss: 1, trainAcc: 0.5, testLoss: 0.9, testAcc: 0.7, seconds: 1, imgPerSec: 99 },
    {
      id: 'teacher',
      epoch: 2,
      trainLoss: 0.8,
      trainAcc: 0.6,
      testLoss: 0.7,
      testAcc: 0.8,
      seconds: 1,
      imgPerSec: 99,
      cleanTrainLoss: 0.65,
      cleanTrainAcc: 0.82,
    },
  ],
};

describe('parseRunJson', () => {
  it('reads back both export formats', () => {
    const cfg = defaultConfig();
    const current = currentRunJson({
      runConfig: cfg,
      status: 'done',
      dataset: null,
      backend: { name: 'wasm', adapter: 'x', software: false, reason: '' },
      totalSeconds: 12,
      results: [result],
    });
    const a = parseRunJson(current, 'a.json');
    expect(a.record.config).toEqual(cfg);
    expect(a.record.results[0].testAcc).toBe(0.9);
    expect(Number.isNaN(a.record.results[0].trainAcc)).toBe(true);
    expect(a.record.seconds).toBe(12);
    expect(a.notices).toEqual([]);
    // The clean-input train CE survives the round trip; an epoch without it (an older export) stays without.
    expect(a.record.results[0].history[1]).toMatchObject({ cleanTrainLoss: 0.65, cleanTrainAcc: 0.82 });
    expect(a.record.results[0].history[0].cleanTrainLoss).toBeUndefined();

    const b = parseRunJson(historyRunJson(a.record), 'b.json');
    expect(b.record.config).toEqual(cfg);
    expect(b.record.id).not.toBe(a.record.id); // a new history entry, not an overwrite
  });

  it('refuses other files with a message naming the file, and repairs a bad config with notices', () => {
    expect(() => parseRunJson('nope', 'x.json')).toThrow(/x\.json: not JSON/);
    expect(() => parseRunJson('{"a":1}', 'y.json')).toThrow(/y\.json: not a run exported/);
    const bad = JSON.stringify({
      app: 'kd-noise-playground',
      runConfig: { seed: '<b>', batchSize: -1 },
      results: [result],
    });
    const r = parseRunJson(bad, 'z.json');
    expect(validateConfig(r.record.config).ok).toBe(true);
    expect(r.notices.length).toBeGreaterThan(0);
    const broken = JSON.stringify({
      app: 'kd-noise-playground',
      runConfig: {},
      results: [{ ...result, testAcc: 'high' }],
    });
    expect(() => parseRunJson(broken, 'w.json')).toThrow(/w\.json: results\.0\.testAcc/);
  });
});

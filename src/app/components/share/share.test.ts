// The presets' time estimates (the step-by-step card's words: stepExplanation.test.ts).
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { presetById, presetConfig } from '../../../core/config/presets';
import type { EpochMetrics } from '../../../core/train/events';
import { planPhases } from '../../../core/train/plan';
import { deviceSpeed, roughDuration, secondsAt, speedSource } from './deviceSpeed';

const m = (id: string, epoch: number, testAcc: number, trainLoss: number): EpochMetrics => ({
  id,
  epoch,
  testAcc,
  trainLoss,
  trainAcc: 0,
  testLoss: 0,
  seconds: 1,
  imgPerSec: 1000,
});

describe('preset time on this device', () => {
  const empty = {
    runConfig: null,
    plan: [],
    results: [],
    epochs: {},
    backend: null,
    resultsBackend: null,
    speedProbe: null,
  };
  const wasm = { name: 'wasm' as const, adapter: 'WebAssembly (SIMD)', software: false, reason: '' };
  const probe = { imgPerSec: 640, backend: 'wasm', adapter: wasm.adapter, measuredAt: 0 };

  it('falls back to a typical speed for the backend, and says it is a guess', () => {
    expect(deviceSpeed(empty)).toMatchObject({ imgPerSec: 1000, backend: 'wasm', measured: false });
    expect(speedSource(deviceSpeed(empty))).toMatch(/guess.*not measured/);
  });

  it('takes the speed test of the active backend over the typical figure, not another backend’s', () => {
    expect(deviceSpeed({ ...empty, backend: wasm, speedProbe: probe })).toMatchObject({
      imgPerSec: 640,
      source: 'test',
      measured: true,
    });
    expect(speedSource(deviceSpeed({ ...empty, backend: wasm, speedProbe: probe }))).toMatch(/measured on this device/);
    const webgl = { ...wasm, name: 'webgl' as const };
    expect(deviceSpeed({ ...empty, backend: webgl, speedProbe: probe })).toMatchObject({ source: 'typical' });
  });

  it('a study takes its cells times as long (seeds), plus PGD when it is on', () => {
    const cfg = defaultConfig();
    const speed = deviceSpeed(empty);
    const one = secondsAt(cfg, speed);
    expect(secondsAt({ ...cfg, study: { seeds: [1, 2, 3] } }, speed)).toBeCloseTo(3 * one, 6);
    expect(secondsAt({ ...cfg, attack: { ...cfg.attack, afterRun: false } }, speed)).toBeLessThan(one);
  });

  it('takes a measured speed from a student with the default CNN, preferring one that does not distil', () => {
    const cfg = defaultConfig();
    const s = {
      ...empty,
      runConfig: cfg,
      plan: planPhases(cfg),
      epochs: { 'student-1': [{ ...m('student-1', 1, 0.9, 0.3), imgPerSec: 2000 }] },
      results: [{ ...m('student-2', 1, 0.9, 0.3), imgPerSec: 1500 }] as never,
    };
    // The last run beats the speed test: it is the sustained speed of a real run.
    expect(deviceSpeed({ ...s, speedProbe: probe })).toMatchObject({ imgPerSec: 2000, measured: true, source: 'run' });
  });

  it('scales with speed and reads as a rough duration', () => {
    const cfg = presetConfig(presetById('hinton-vs-fickle-mnist')!);
    const slow = secondsAt(cfg, { ...deviceSpeed(empty), imgPerSec: 500 });
    expect(slow / secondsAt(cfg, deviceSpeed(empty))).toBeCloseTo(2);
    expect(roughDuration(30)).toBe('under a minute');
    expect(roughDuration(150)).toBe('about 3 min');
    expect(roughDuration(3.5 * 3600)).toBe('about 3.5 h');
  });
});

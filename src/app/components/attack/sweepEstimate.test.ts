// The ε sweep's estimate from its start: the cost model by hand, where each model's speed comes from, and a check
// on the real engine (tfjs cpu) that, calibrated by the run's own PGD evaluation, it predicts a real sweep's time.
import { describe, expect, it } from 'vitest';
import { epsSweep } from '../../../core/attacks/evaluate';
import { evalSubset, pgdOf } from '../../../core/attacks/subset';
import { measureRobust } from '../../../core/study/robust';
import type { CellOutcome } from '../../../core/study';
import type { PgdSpec } from '../../../core/attacks/types';
import { experimentConfig } from '../../../core/config/schema';
import { syntheticDataset } from '../../../core/data/synthetic';
import { planPhases } from '../../../core/train/plan';
import { runExperiment } from '../../../core/train/trainer';
import type { ModelResult } from '../../../core/train/events';
import type { SweepPlan } from '../../store/attackSlice';
import { estimateSweep, labThroughputs, sweepSeconds } from './sweepEstimate';

const pgd: PgdSpec = { kind: 'pgd', eps: 0.1, stepSize: 0.025, steps: 10, randomStart: true };
const plan = (over: Partial<SweepPlan> = {}): SweepPlan => ({
  attack: pgd,
  epsList: [0, 0.05, 0.1, 0.2],
  subset: 100,
  source: null,
  ...over,
});

describe('sweepSeconds', () => {
  it('white-box: every model pays its attack steps at every ε > 0, and an evaluation per ε plus the clean one', () => {
    // 3 attacked ε × 100 images × 10 steps / 100 img/s = 30 s of attack; 4 evaluations × 100 / 300 = 4/3 s.
    expect(sweepSeconds(plan(), 100, { a: 100 })).toBeCloseTo(30 + 4 / 3, 9);
    expect(sweepSeconds(plan(), 100, { a: 100, b: 50 })).toBeCloseTo(30 + 4 / 3 + 60 + 8 / 3, 9);
    expect(sweepSeconds(plan({ attack: { kind: 'fgsm', eps: 0.1 } }), 100, { a: 100 })).toBeCloseTo(3 + 4 / 3, 9);
  });

  it('transfer: only the source crafts, once per ε; every model is evaluated', () => {
    // Source b crafts 3 × 100 × 10 / 50 = 60 s; evaluations: clean at 4 ε + 3 adversarial, of a and b.
    const evals = 100 / 300 + 100 / 150;
    expect(sweepSeconds(plan({ source: 'b' }), 100, { a: 100, b: 50 })).toBeCloseTo(60 + 7 * evals, 9);
    expect(sweepSeconds(plan({ source: 'b' }), 100, { a: 100, b: 50 })).toBeLessThan(
      sweepSeconds(plan(), 100, { a: 100, b: 50 }),
    );
  });
});

const cfg = experimentConfig.parse({
  seed: 2,
  data: { dataset: 'synthetic', trainSize: 256, testSize: 128, size: 8, channels: 1 },
  teacher: { model: { family: 'cnn', channels: [4, 8], hidden: 16, dropout: 0 }, epochs: 1 },
  student: { model: { family: 'cnn', channels: [4, 4], hidden: 8, dropout: 0 }, epochs: 1 },
  students: [{ method: 'hinton-kd' }],
  optimizer: { type: 'adam', lr: 0.01 },
  batchSize: 32,
});
const summary = {
  name: 'synthetic',
  shape: [8, 8, 1] as [number, number, number],
  numClasses: 10,
  train: 256,
  test: 128,
};
const phases = Object.fromEntries(
  planPhases(cfg).map((p, index) => [
    p.id,
    { id: p.id, label: p.label, kind: p.kind, index, total: 2, epochs: 1, stepsPerEpoch: 8, method: p.method },
  ]),
) as never;

const result = (id: string, imgPerSec: number) => ({ id, imgPerSec }) as ModelResult;

describe('labThroughputs', () => {
  const base = { phases, plan: planPhases(cfg), importedModels: [], dataset: summary, speedProbe: null };

  it("takes the run's own measurement of each model, else the speed test scaled to it, else the slowest", () => {
    expect(labThroughputs({ ...base, results: [result('teacher', 400), result('student-1', 900)] })).toEqual({
      teacher: 400,
      'student-1': 900,
    });
    // A reused teacher reports no speed: the speed test, scaled to the bigger teacher, stands in.
    const probe = { imgPerSec: 1000, backend: 'cpu', adapter: '', measuredAt: 0 };
    const scaled = labThroughputs({
      ...base,
      speedProbe: probe,
      results: [result('teacher', 0), result('student-1', 900)],
    })!;
    expect(scaled['student-1']).toBe(900);
    expect(scaled.teacher).toBeGreaterThan(0);
    expect(scaled.teacher).toBeLessThan(scaled['student-1'] * 10);
    // No probe: the slowest known model, for the teacher and for an imported model too.
    const imported = [{ id: 'file-1', label: 'From a file', kind: 'student' as const }];
    expect(labThroughputs({ ...base, importedModels: imported, results: [result('student-1', 900)] })).toEqual({
      teacher: 900,
      'student-1': 900,
      'file-1': 900,
    });
    expect(labThroughputs({ ...base, results: [] })).toBeNull();
  });
});

describe('estimateSweep on the real engine', () => {
  it('calibrated by the run’s PGD evaluation, it predicts a white-box sweep’s time on the same models', async () => {
    const run = experimentConfig.parse({ ...cfg, attack: { eps: 0.1, stepSize: 0.025, steps: 5, subset: 64 } });
    const data = syntheticDataset({ trainSize: 256, testSize: 128, size: 8, channels: 1, seed: 4 });
    const out = await runExperiment(run, data, {});
    try {
      // The run's own PGD evaluation after training, as the worker measures it (core/study/robust.ts). Timings on a
      // shared machine: the faster of two runs, of the evaluation and of the sweep alike.
      const measured = [await measureRobust(run, data, out.models), await measureRobust(run, data, out.models)];
      const robust = measured.reduce((a, b) => (a.run.seconds <= b.run.seconds ? a : b));
      const outcome = { results: out.results, robust: robust.run } as CellOutcome;
      const state = { phases, plan: planPhases(run), importedModels: [], dataset: summary, speedProbe: null };
      const sweepPlan = plan({ subset: 64, attack: pgdOf(run.attack), epsList: [0, 0.05, 0.1, 0.2] });
      const predicted = estimateSweep(
        { ...state, results: out.results, runConfig: run, cellOutcomes: [outcome] },
        sweepPlan,
      )!;
      const subset = evalSubset(data.test, 64, 1);
      let actual = Infinity;
      for (let i = 0; i < 2; i++) {
        const t0 = performance.now();
        await epsSweep(out.models, data, data.test, subset, sweepPlan.attack, sweepPlan.epsList);
        actual = Math.min(actual, (performance.now() - t0) / 1000);
      }
      const msg = `predicted ${predicted.toFixed(2)} s, took ${actual.toFixed(2)} s`;
      // An estimate, not a measurement: within a factor of 2.5 either way on a shared machine.
      expect(predicted / actual, msg).toBeGreaterThan(0.4);
      expect(predicted / actual, msg).toBeLessThan(2.5);
    } finally {
      for (const m of out.models.values()) m.dispose();
    }
  });
});

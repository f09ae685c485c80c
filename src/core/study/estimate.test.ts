// Study estimates: cells × a run, a teacher an earlier cell trained counted once, PGD after each cell.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/defaults';
import { experimentConfig, type ExperimentConfig } from '../config/schema';
import { estimateSeconds, type Throughput } from '../train/estimate';
import { planPhases } from '../train/plan';
import { estimateStudy, robustSeconds } from './estimate';

/** Teachers at 100 img/s, students at 1,000 img/s. */
const fixed: Throughput = (_, kind) => (kind === 'teacher' ? 100 : 1000);
const withStudy = (study: ExperimentConfig['study'], patch: Partial<ExperimentConfig> = {}) =>
  experimentConfig.parse({ ...defaultConfig(), ...patch, study });

describe('estimateStudy', () => {
  it('a plain run is one cell: training plus PGD on the subset for every model', () => {
    const cfg = defaultConfig();
    const e = estimateStudy(cfg, fixed);
    expect(e.cells).toBe(1);
    // 5 models (teacher + 4 students): 500 images × 20 steps, plus a clean pass at 3× the training speed.
    const images = Math.min(cfg.attack.subset, cfg.data.testSize);
    const pgd = (images * 20) / 100 + images / 300 + 4 * ((images * 20) / 1000 + images / 3000);
    expect(robustSeconds(cfg, fixed)).toBeCloseTo(pgd, 6);
    expect(e.robust).toBeCloseTo(pgd, 6);
    expect(e.seconds).toBeCloseTo(estimateSeconds(cfg, fixed) + pgd, 6);
  });

  it('seeds multiply the run (each seed trains its own teacher)', () => {
    const one = estimateStudy(defaultConfig(), fixed).seconds;
    expect(estimateStudy(withStudy({ seeds: [1, 2, 3] }), fixed).seconds).toBeCloseTo(3 * one, 6);
  });

  it('a sweep that leaves the teacher alone trains it once per seed; one over teacher dropout retrains it', () => {
    const cfg = defaultConfig();
    const teacher = planPhases(cfg).find((p) => p.kind === 'teacher')!;
    const teacherTraining = estimateSeconds(cfg, fixed) - estimateSeconds(cfg, fixed, (p) => p.id === teacher.id);
    expect(teacherTraining).toBeGreaterThan(0);
    const sigma = estimateStudy(withStudy({ seeds: [1], sweep: { param: 'sigma', values: [0.1, 0.3] } }), fixed);
    expect(sigma.perCell[0] - sigma.perCell[1]).toBeCloseTo(teacherTraining, 6);
    const dropout = estimateStudy(
      withStudy({ seeds: [1], sweep: { param: 'teacherDropout', values: [0.2, 0.5] } }),
      fixed,
    );
    expect(dropout.perCell[0]).toBeCloseTo(dropout.perCell[1], 6);
  });

  it('PGD after training switched off costs nothing; its cost grows with steps', () => {
    const cfg = defaultConfig();
    expect(robustSeconds({ ...cfg, attack: { ...cfg.attack, afterRun: false } }, fixed)).toBe(0);
    expect(robustSeconds({ ...cfg, attack: { ...cfg.attack, steps: 40 } }, fixed)).toBeGreaterThan(
      1.9 * robustSeconds(cfg, fixed),
    );
  });
});

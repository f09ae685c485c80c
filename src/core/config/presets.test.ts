import { describe, expect, it } from 'vitest';
import { inputShapeOf } from '../data/shape';
import { planPhases } from '../train/plan';
import { datasetPreset, defaultConfig } from './defaults';
import { estimateStudy } from '../study/estimate';
import { scaledThroughput } from '../train/estimate';
import { presetById, presetConfig, PRESETS } from './presets';
import { repairConfig } from './repair';
import { decodeShare, encodeShare } from './shareLink';
import { validateConfig } from './validate';
import { checkStudy } from '../study/plan';

describe('datasetPreset', () => {
  it('switches to the residual family for CIFAR-10 and back to the CNNs for grey sets; results validate', () => {
    const cifar = datasetPreset('cifar-10', defaultConfig());
    expect(cifar.data).toMatchObject({ dataset: 'cifar-10', augment: 'crop-flip' });
    expect(cifar.teacher.model.family).toBe('wrn');
    expect(cifar.teacher.model.dropout).toBeGreaterThan(0); // Fickle Teacher needs it
    expect(cifar.student.model.family).toBe('wrn');
    expect(cifar.optimizer.type).toBe('sgd');
    expect(validateConfig(cifar).ok).toBe(true);

    const back = datasetPreset('fashion-mnist', cifar);
    expect(back.data).toMatchObject({ dataset: 'fashion-mnist', augment: 'none' });
    expect(back.teacher).toEqual(defaultConfig().teacher);
    expect(validateConfig(back).ok).toBe(true);
  });

  it('keeps the models when the image shape family does not change', () => {
    const d = defaultConfig();
    const m = datasetPreset('mnist', { ...d, teacher: { ...d.teacher, epochs: 9 } });
    expect(m.teacher.epochs).toBe(9);
    expect(m.data.dataset).toBe('mnist');
  });

  it('knows each data set shape before any data is loaded', () => {
    expect(inputShapeOf(datasetPreset('cifar-10', defaultConfig()).data)).toEqual({
      height: 32,
      width: 32,
      channels: 3,
      numClasses: 10,
    });
    expect(inputShapeOf(datasetPreset('mnist', defaultConfig()).data).channels).toBe(1);
  });
});

describe('PRESETS', () => {
  /** README: WASM trains the default student at ~1,000 img/s (Node 1,101, Chromium worker 1,050). */
  const WASM = 1000;
  const minutes = (id: string) => {
    const cfg = presetConfig(presetById(id)!);
    return estimateStudy(cfg, scaledThroughput(WASM, inputShapeOf(cfg.data))).seconds / 60;
  };

  it('every preset validates as written, with no repairs', () => {
    for (const p of PRESETS) {
      const r = validateConfig(p.config);
      expect(r.ok, p.id).toBe(true);
      expect(repairConfig(p.config).notices, p.id).toEqual([]);
    }
  });

  it('has unique kebab-case ids and titles and one-line descriptions', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(new Set(PRESETS.map((p) => p.title)).size).toBe(PRESETS.length);
    for (const p of PRESETS) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.description).not.toMatch(/\n/);
      expect(p.description.length).toBeLessThanOrEqual(200);
      expect(presetById(p.id)).toBe(p);
    }
  });

  it('trains what the titles say', () => {
    const methods = (id: string) => presetConfig(presetById(id)!).students.map((s) => s.method);
    expect(methods('hinton-vs-fickle-mnist')).toEqual(['hinton-kd', 'fickle-teacher']);
    expect(methods('soft-randomization-vs-gaussian')).toEqual([
      'student-alone',
      'gaussian-augmentation',
      'soft-randomization',
    ]);
    const messy = presetConfig(presetById('label-corruption')!);
    expect(messy.students.map((s) => (s.method === 'messy-collaboration' ? s.target : s.method))).toEqual([
      'student-alone',
      'S',
      'TS',
    ]);
    expect(planPhases(messy).filter((p) => p.kind === 'teacher')).toHaveLength(2); // TS has its own teacher
    const paper = presetConfig(presetById('paper-cifar10')!);
    expect(paper).toMatchObject({
      data: { dataset: 'cifar-10', augment: 'crop-flip' },
      teacher: { model: { family: 'wrn' } },
      student: { model: { family: 'wrn' } },
      optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 5e-4 },
      batchSize: 128,
      attack: { eps: 8 / 255 },
    });
    expect(paper.teacher.model.dropout).toBeGreaterThan(0);
    expect(presetById('classroom-demo')!.ui).toEqual({ classroom: true, stepMode: true });
    for (const p of PRESETS.filter((p) => p.config.data.dataset === 'mnist-10k')) expect(p.config.attack).toBeDefined();
  });

  it('the browser presets stay short on WASM (PGD after training included); the studies and CIFAR-10 are longer', () => {
    for (const p of PRESETS) console.log(`${p.id}: ~${minutes(p.id).toFixed(1)} min on WASM at ${WASM} img/s`);
    expect(minutes('hinton-vs-fickle-mnist')).toBeLessThan(2);
    expect(minutes('classroom-demo')).toBeLessThan(2);
    expect(minutes('soft-randomization-vs-gaussian')).toBeLessThan(3);
    expect(minutes('label-corruption')).toBeLessThan(3);
    expect(minutes('paper-claims-mnist')).toBeLessThan(15);
    expect(minutes('sigma-sweep')).toBeLessThan(20);
    expect(minutes('paper-cifar10')).toBeGreaterThan(60); // "hours on WASM"
  });

  it('the two study presets: the claims over 3 seeds, and a σ sweep the claims need both students for', () => {
    const claims = presetConfig(presetById('paper-claims-mnist')!);
    expect(claims.study).toEqual({ seeds: [1, 2, 3] });
    expect(claims.students.map((s) => s.method)).toEqual([
      'student-alone',
      'hinton-kd',
      'fickle-teacher',
      'soft-randomization',
      'gaussian-augmentation',
      'messy-collaboration',
    ]);
    const sweep = presetConfig(presetById('sigma-sweep')!);
    expect(sweep.study?.sweep).toEqual({ param: 'sigma', values: [0.05, 0.1, 0.2, 0.3, 0.5] });
    expect(checkStudy(sweep, sweep.study!)).toBeNull();
  });

  it('round-trips through a share link with its UI flags', async () => {
    for (const p of PRESETS) {
      const link = await encodeShare(presetConfig(p), p.ui);
      expect(link.length).toBeLessThan(400);
      const d = await decodeShare(link);
      expect(d.notices).toEqual([]);
      expect(d.config).toEqual(presetConfig(p));
      expect(d.ui.classroom).toBe(!!p.ui?.classroom);
    }
  });
});

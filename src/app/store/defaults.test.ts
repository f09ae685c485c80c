// One table of default models and optimisers: the store's family and optimiser switches, the repair, the default
// config, the CIFAR-10 data-set preset and the MNIST presets all produce exactly its values. Lives with the store
// (core never imports app) and uses the real config slice in a plain zustand store.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { datasetPreset, defaultConfig, MODEL_DEFAULTS, OPTIMIZER_DEFAULTS } from '../../core/config/defaults';
import { PRESETS, presetConfig } from '../../core/config/presets';
import { repairConfig } from '../../core/config/repair';
import { createConfigSlice, type ConfigSlice } from './configSlice';
import type { Store } from './types';

const configStore = () =>
  createStore<ConfigSlice>()((set, get, api) => createConfigSlice(set as never, get as () => Store, api as never));

describe('defaults table', () => {
  it('holds the models of the default config (CNN) and of the CIFAR-10 preset (WRN)', () => {
    // Pinned: changing a default is a decision (it changes new configs, not old links; see shareLink/v1.ts).
    expect(MODEL_DEFAULTS).toEqual({
      teacher: {
        cnn: { family: 'cnn', channels: [32, 64], hidden: 256, dropout: 0.4 },
        wrn: { family: 'wrn', depth: 16, widen: 1, dropout: 0.3 },
      },
      student: {
        cnn: { family: 'cnn', channels: [16, 32], hidden: 64, dropout: 0 },
        wrn: { family: 'wrn', depth: 10, widen: 1, dropout: 0 },
      },
    });
    expect(OPTIMIZER_DEFAULTS).toEqual({
      adam: { type: 'adam', lr: 0.002, weightDecay: 0 },
      sgd: { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 5e-4 },
    });
  });

  it('the default config and datasetPreset use the table (both ways)', () => {
    const d = defaultConfig();
    expect([d.teacher.model, d.student.model, d.optimizer]).toEqual([
      MODEL_DEFAULTS.teacher.cnn,
      MODEL_DEFAULTS.student.cnn,
      OPTIMIZER_DEFAULTS.adam,
    ]);
    const cifar = datasetPreset('cifar-10', d);
    expect([cifar.teacher.model, cifar.student.model, cifar.optimizer]).toEqual([
      MODEL_DEFAULTS.teacher.wrn,
      MODEL_DEFAULTS.student.wrn,
      OPTIMIZER_DEFAULTS.sgd,
    ]);
    const back = datasetPreset('mnist', cifar);
    expect([back.teacher.model, back.student.model, back.optimizer]).toEqual([
      MODEL_DEFAULTS.teacher.cnn,
      MODEL_DEFAULTS.student.cnn,
      OPTIMIZER_DEFAULTS.adam,
    ]);
  });

  it("the store's family and optimiser switches give the table's models, both ways", () => {
    const store = configStore();
    for (const which of ['teacher', 'student'] as const) {
      store.getState().setModelFamily(which, 'wrn');
      expect(store.getState().draft[which].model).toEqual(MODEL_DEFAULTS[which].wrn);
      store.getState().setModelFamily(which, 'cnn');
      expect(store.getState().draft[which].model).toEqual(MODEL_DEFAULTS[which].cnn);
    }
    store.getState().setOptimizerType('sgd');
    expect(store.getState().draft.optimizer).toEqual(OPTIMIZER_DEFAULTS.sgd);
    store.getState().setOptimizerType('adam');
    expect(store.getState().draft.optimizer).toEqual(OPTIMIZER_DEFAULTS.adam);
    // The table is copied, never shared: editing the draft's model leaves it alone.
    store.getState().setField('teacher.model.hidden', 7);
    expect(MODEL_DEFAULTS.teacher.cnn.hidden).toBe(256);
    expect(store.getState().validation.ok).toBe(true);
  });

  it("the repair resets every field of a model or optimiser to its variant's value in the table", () => {
    const broken = (family: string) => ({ family, channels: 'x', hidden: -1, depth: 'x', widen: 0, dropout: 2 });
    const r = repairConfig({
      ...defaultConfig(),
      teacher: { model: { ...broken('wrn'), channels: undefined, hidden: undefined }, epochs: 4 },
      student: { model: { ...broken('cnn'), depth: undefined, widen: undefined }, epochs: 4 },
      optimizer: { type: 'sgd', lr: -1, momentum: 2, weightDecay: 1 },
    });
    expect(r.config.teacher.model).toEqual(MODEL_DEFAULTS.teacher.wrn);
    expect(r.config.student.model).toEqual(MODEL_DEFAULTS.student.cnn);
    expect(r.config.optimizer).toEqual(OPTIMIZER_DEFAULTS.sgd);
    const wrnStudent = repairConfig({ ...defaultConfig(), student: { model: broken('wrn'), epochs: 4 } });
    expect(wrnStudent.config.student.model).toEqual(MODEL_DEFAULTS.student.wrn);
  });

  it('the MNIST presets use the CNNs and Adam of the table', () => {
    const mnist = PRESETS.filter((p) => p.config.data.dataset === 'mnist-10k');
    expect(mnist.length).toBeGreaterThanOrEqual(4);
    for (const p of mnist) {
      const c = presetConfig(p);
      expect([c.teacher.model, c.student.model, c.optimizer]).toEqual([
        MODEL_DEFAULTS.teacher.cnn,
        MODEL_DEFAULTS.student.cnn,
        OPTIMIZER_DEFAULTS.adam,
      ]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { inputShapeOf } from '../data/shape';
import { datasetPreset, defaultConfig } from './defaults';
import { validateConfig } from './validate';

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

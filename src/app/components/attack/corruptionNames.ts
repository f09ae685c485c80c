// Display names of the CIFAR-10-C corruptions the worker implements.
import type { Corruption } from '../../../core/robustness/severity';

export const CORRUPTION_NAMES: Record<Corruption, string> = {
  'gaussian-noise': 'Gaussian noise',
  'shot-noise': 'Shot noise',
  'impulse-noise': 'Impulse noise',
  'defocus-blur': 'Defocus blur',
  contrast: 'Contrast',
  brightness: 'Brightness',
  fog: 'Fog',
  pixelate: 'Pixelate',
  jpeg: 'JPEG',
};

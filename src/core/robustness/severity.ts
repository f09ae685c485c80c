// Severity parameters of the CIFAR-10-C corruptions (Hendrycks & Dietterich, ICLR 2019, make_cifar_c.py in
// github.com/hendrycks/robustness), index = severity − 1. They are the 32×32 values and are used unchanged for
// 28×28 MNIST-like images: intensity parameters are in [0,1] pixel units, pixelate is a fraction of the image
// size, the fog map is cropped to the image, and the defocus radii (≤ 1.5 px) are discrete disks that a
// 28/32 rescale would change in shape (1.5 → 1.3 turns the 3×3 box into a plus), not in scale.

export const CORRUPTIONS = [
  'gaussian-noise',
  'shot-noise',
  'impulse-noise',
  'defocus-blur',
  'contrast',
  'brightness',
  'fog',
  'pixelate',
  'jpeg',
] as const;
export type Corruption = (typeof CORRUPTIONS)[number];

export const SEVERITIES = [1, 2, 3, 4, 5] as const;
export type Severity = (typeof SEVERITIES)[number];

type Five<T> = readonly [T, T, T, T, T];

export const SEVERITY: {
  /** σ of additive N(0, σ²) noise. */
  'gaussian-noise': Five<number>;
  /** Photon count c: x ← Poisson(c·x)/c (fewer photons, more noise). */
  'shot-noise': Five<number>;
  /** Fraction of values replaced by salt (1) or pepper (0), half each. */
  'impulse-noise': Five<number>;
  /** [disk radius px, σ of the 3×3 Gaussian that anti-aliases the disk]. */
  'defocus-blur': Five<readonly [number, number]>;
  /** Factor c: x ← (x − mean)·c + mean, per channel. */
  contrast: Five<number>;
  /** Added to V in HSV (grey: to the pixel). */
  brightness: Five<number>;
  /** [fog strength, plasma-fractal wibble decay (lower = rougher)]. */
  fog: Five<readonly [number, number]>;
  /** Down-sampling factor of the box resize. */
  pixelate: Five<number>;
  /** JPEG quality (libjpeg scaling of the standard quantisation tables). */
  jpeg: Five<number>;
} = {
  'gaussian-noise': [0.04, 0.06, 0.08, 0.09, 0.1],
  'shot-noise': [500, 250, 100, 75, 50],
  'impulse-noise': [0.01, 0.02, 0.03, 0.05, 0.07],
  'defocus-blur': [
    [0.3, 0.4],
    [0.4, 0.5],
    [0.5, 0.6],
    [1, 0.2],
    [1.5, 0.1],
  ],
  contrast: [0.75, 0.5, 0.4, 0.3, 0.15],
  brightness: [0.05, 0.1, 0.15, 0.2, 0.3],
  fog: [
    [0.2, 3],
    [0.5, 3],
    [0.75, 2.5],
    [1, 2],
    [1.5, 1.75],
  ],
  pixelate: [0.95, 0.9, 0.85, 0.75, 0.65],
  jpeg: [80, 65, 58, 50, 40],
};

// CIFAR-10-C-style corruptions (Hendrycks & Dietterich 2019) of host images: Float32Array H×W×C in [0,1]
// in, a new clamped Float32Array out. Random ones draw from our seeded Rng; corruptImages seeds each image
// from (seed, corruption, image id) and NOT from the severity, so severities of one image share their random
// numbers (the noise pattern only scales) and a result never depends on batch composition or order.
import { type Rng, stream } from '../rng';
import { diskKernel, filterImage, boxResize, type ImageShape } from './filters';
import { jpegLike } from './jpeg';
import { nextPowerOfTwo, plasmaFractal } from './plasma';
import { normal, poisson } from './sampling';
import { CORRUPTIONS, type Corruption, SEVERITY, type Severity } from './severity';

export { CORRUPTIONS, SEVERITIES, SEVERITY, type Corruption, type Severity } from './severity';
export type { ImageShape } from './filters';

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** One corrupted copy of one image (length H·W·C). */
export function corruptImage(
  kind: Corruption,
  img: Float32Array,
  s: ImageShape,
  severity: Severity,
  rng: Rng,
): Float32Array {
  const n = s.height * s.width * s.channels;
  if (img.length !== n) throw new Error(`corruption ${kind}: image has ${img.length} values, expected ${n}`);
  if (!(severity >= 1 && severity <= 5 && Number.isInteger(severity)))
    throw new Error(`corruption ${kind}: severity must be 1..5, got ${severity}`);
  const i = severity - 1;
  switch (kind) {
    case 'gaussian-noise': {
      const sd = SEVERITY[kind][i];
      return img.map((v) => clamp01(v + sd * normal(rng)));
    }
    case 'shot-noise': {
      const c = SEVERITY[kind][i];
      return img.map((v) => clamp01(poisson(v * c, rng) / c));
    }
    case 'impulse-noise': {
      // skimage random_noise(mode='s&p'): each value flipped with probability `amount`, to 1 or 0 equally.
      const amount = SEVERITY[kind][i];
      return img.map((v) => {
        const flip = rng.next() < amount;
        const salt = rng.next() < 0.5;
        return flip ? (salt ? 1 : 0) : v;
      });
    }
    case 'defocus-blur': {
      const [radius, alias] = SEVERITY[kind][i];
      const { k, size } = diskKernel(radius, alias);
      return filterImage(img, s, k, size).map(clamp01);
    }
    case 'contrast':
      return contrast(img, s, SEVERITY[kind][i]);
    case 'brightness':
      return brightness(img, s, SEVERITY[kind][i]);
    case 'fog':
      return fog(img, s, SEVERITY[kind][i], rng);
    case 'pixelate': {
      const f = SEVERITY[kind][i];
      const small = {
        ...s,
        height: Math.max(1, Math.trunc(s.height * f)),
        width: Math.max(1, Math.trunc(s.width * f)),
      };
      const down = boxResize(img, s, small.height, small.width);
      return boxResize(down, small, s.height, s.width).map(clamp01);
    }
    case 'jpeg':
      return jpegLike(img, s, SEVERITY[kind][i]);
  }
}

/** Corrupts N images (N×H×W×C); image i is seeded from (seed, kind, ids[i] ?? i). */
export function corruptImages(
  kind: Corruption,
  x: Float32Array,
  s: ImageShape,
  severity: Severity,
  seed: number,
  ids?: ArrayLike<number>,
): Float32Array {
  if (!CORRUPTIONS.includes(kind)) throw new Error(`unknown corruption "${kind}"`);
  const n = s.height * s.width * s.channels;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length / n; i++) {
    const rng = stream(seed, 'corruption', `${kind}/${ids ? ids[i] : i}`);
    out.set(corruptImage(kind, x.subarray(i * n, (i + 1) * n), s, severity, rng), i * n);
  }
  return out;
}

/** (x − mean)·c + mean with the per-channel mean over the image. */
function contrast(img: Float32Array, s: ImageShape, c: number): Float32Array {
  const C = s.channels;
  const mean = new Float64Array(C);
  for (let j = 0; j < img.length; j++) mean[j % C] += img[j];
  for (let k = 0; k < C; k++) mean[k] /= img.length / C;
  return img.map((v, j) => clamp01((v - mean[j % C]) * c + mean[j % C]));
}

/**
 * V ← min(1, V + c) in HSV with H and S kept, which is RGB scaled by V'/V (black becomes grey c).
 * Images that are not RGB: x + c, as for a grey pixel.
 */
function brightness(img: Float32Array, s: ImageShape, c: number): Float32Array {
  if (s.channels !== 3) return img.map((v) => clamp01(v + c));
  const out = new Float32Array(img.length);
  for (let p = 0; p < img.length; p += 3) {
    const v = Math.max(img[p], img[p + 1], img[p + 2]);
    const v2 = Math.min(1, v + c);
    for (let k = 0; k < 3; k++) out[p + k] = clamp01(v > 0 ? (img[p + k] * v2) / v : v2);
  }
  return out;
}

/** x + strength·plasma, rescaled by max/(max + strength) so bright parts stay below 1 (as the reference). */
function fog(img: Float32Array, s: ImageShape, [strength, decay]: readonly [number, number], rng: Rng): Float32Array {
  const size = nextPowerOfTwo(Math.max(s.height, s.width));
  const map = plasmaFractal(size, decay, rng);
  let max = 0;
  for (const v of img) max = Math.max(max, v);
  const k = max / (max + strength);
  const C = s.channels;
  return img.map((v, j) => {
    const p = Math.floor(j / C);
    const y = Math.floor(p / s.width);
    const x = p % s.width;
    return clamp01((v + strength * map[y * size + x]) * k);
  });
}

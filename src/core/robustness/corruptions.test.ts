// Corruptions: values in [0,1], deterministic under a seed, severity-monotone in mean absolute pixel change on
// real-ish images (embedded MNIST digits when built, else the synthetic set; and synthetic 32×32 colour).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMnist10k, MNIST10K_FILE } from '../data/mnist10k';
import { syntheticDataset } from '../data/synthetic';
import { Rng } from '../rng';
import { CORRUPTIONS, corruptImages, type Corruption, SEVERITIES, type ImageShape } from './corruptions';
import { diskKernel } from './filters';
import { quantTable } from './jpeg';
import { plasmaFractal } from './plasma';
import { poisson } from './sampling';

interface ImageSet {
  name: string;
  x: Float32Array;
  shape: ImageShape;
}

function greyImages(n: number): ImageSet {
  const asset = join(process.cwd(), 'public', 'data', MNIST10K_FILE);
  if (existsSync(asset)) {
    const { all, height, width } = decodeMnist10k(new Uint8Array(readFileSync(asset)));
    const x = Float32Array.from(all.images.subarray(0, n * height * width), (v) => v / 255);
    return { name: 'MNIST', x, shape: { height, width, channels: 1 } };
  }
  const d = syntheticDataset({ trainSize: n, testSize: 1, size: 28, channels: 1, seed: 5 });
  return {
    name: 'synthetic 28×28',
    x: Float32Array.from(d.train.images, (v) => v / 255),
    shape: { height: 28, width: 28, channels: 1 },
  };
}

function colourImages(n: number): ImageSet {
  const d = syntheticDataset({ trainSize: n, testSize: 1, size: 32, channels: 3, seed: 6 });
  return {
    name: 'synthetic 32×32×3',
    x: Float32Array.from(d.train.images, (v) => v / 255),
    shape: { height: 32, width: 32, channels: 3 },
  };
}

const meanAbsChange = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
const RANDOM: Corruption[] = ['gaussian-noise', 'shot-noise', 'impulse-noise', 'fog'];

describe.each([greyImages(6), colourImages(4)])('corruptions on $name', ({ x, shape }) => {
  it.each([...CORRUPTIONS])('%s: in [0,1], seeded, and stronger at every severity', (kind) => {
    const changes = SEVERITIES.map((s) => {
      const out = corruptImages(kind, x, shape, s, 7);
      expect(out).toHaveLength(x.length);
      expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(corruptImages(kind, x, shape, s, 7)).toEqual(out);
      const other = corruptImages(kind, x, shape, s, 8);
      if (RANDOM.includes(kind)) expect(other).not.toEqual(out);
      else expect(other).toEqual(out);
      return meanAbsChange(out, x);
    });
    expect(changes[0]).toBeGreaterThan(0);
    changes
      .slice(1)
      .forEach((c, i) => expect(c, `severity ${i + 2} vs ${i + 1}: ${changes}`).toBeGreaterThan(changes[i]));
  });
});

describe('corruption details', () => {
  const g = greyImages(3);
  const n = g.shape.height * g.shape.width;

  it('seeds each image from its id: independent of the batch it comes in', () => {
    const full = corruptImages('gaussian-noise', g.x, g.shape, 3, 4, [10, 11, 12]);
    const one = corruptImages('gaussian-noise', g.x.slice(n, 2 * n), g.shape, 3, 4, [11]);
    expect(one).toEqual(full.slice(n, 2 * n));
  });

  it('brightness adds c to grey pixels (clipped); contrast keeps each channel mean when nothing clips', () => {
    const out = corruptImages('brightness', g.x, g.shape, 5, 1);
    out.forEach((v, i) => expect(v).toBeCloseTo(Math.min(1, g.x[i] + 0.3), 6));
    const flat = { height: 2, width: 2, channels: 3 };
    const img = Float32Array.from([0.2, 0.4, 0.6, 0.5, 0.5, 0.5, 0.8, 0.1, 0.3, 0.3, 0.7, 0.2]);
    const c = corruptImages('contrast', img, flat, 3, 1);
    for (let k = 0; k < 3; k++) {
      const mean = (a: Float32Array) => (a[k] + a[3 + k] + a[6 + k] + a[9 + k]) / 4;
      expect(mean(c)).toBeCloseTo(mean(img), 6);
    }
    // Colour brightness keeps hue and saturation: each pixel scaled by V'/V.
    const bright = corruptImages('brightness', img, flat, 2, 1);
    expect(bright[0] / bright[2]).toBeCloseTo(0.2 / 0.6, 5);
    expect(Math.max(bright[0], bright[1], bright[2])).toBeCloseTo(0.7, 5);
  });

  it('pixelate and blur leave a constant image constant; JPEG tables follow libjpeg scaling', () => {
    const flat = { height: 28, width: 28, channels: 1 };
    const grey = new Float32Array(28 * 28).fill(0.4);
    for (const kind of ['pixelate', 'defocus-blur', 'jpeg'] as const) {
      const out = corruptImages(kind, grey, flat, 5, 1);
      expect(out.every((v) => v === out[0])).toBe(true);
      // JPEG quantises the DC coefficient: 102 → round(−208/20)·20/8 + 128 = 103 at quality 40.
      expect(out[0]).toBeCloseTo(kind === 'jpeg' ? 103 / 255 : 0.4, 6);
    }
    expect(quantTable([16, 11, 255], 50)).toEqual(Float64Array.from([16, 11, 255]));
    expect(Array.from(quantTable([16, 11], 80))).toEqual([6, 4]);
    expect(Array.from(quantTable([16, 11], 40))).toEqual([20, 14]);
  });

  it('defocus kernels sum to 1; the severity-5 disk is a 3×3 box', () => {
    for (const [r, s] of [
      [0.3, 0.4],
      [1, 0.2],
      [1.5, 0.1],
    ]) {
      const { k } = diskKernel(r, s);
      expect(k.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 9);
    }
    const { k, size } = diskKernel(1.5, 0.1);
    expect(size).toBe(5);
    expect(k[2 * 5 + 2]).toBeCloseTo(1 / 9, 6);
    expect(k[1 * 5 + 1]).toBeCloseTo(1 / 9, 6);
    expect(k[0]).toBeLessThan(1e-12);
  });

  it('plasma fractal spans [0,1]; Poisson samples have mean ≈ variance ≈ λ', () => {
    const p = plasmaFractal(32, 2, new Rng(3));
    expect(Math.min(...p)).toBe(0);
    expect(Math.max(...p)).toBe(1);
    for (const lam of [3, 40, 400]) {
      const rng = new Rng(lam);
      const s = Array.from({ length: 4000 }, () => poisson(lam, rng));
      const mean = s.reduce((a, v) => a + v, 0) / s.length;
      const variance = s.reduce((a, v) => a + (v - mean) ** 2, 0) / s.length;
      expect(Math.abs(mean - lam)).toBeLessThan(4 * Math.sqrt(lam / s.length));
      expect(Math.abs(variance / lam - 1)).toBeLessThan(0.1);
    }
  });

  it('rejects unknown corruptions, bad severities and mis-sized images', () => {
    expect(() => corruptImages('snow' as Corruption, g.x, g.shape, 1, 1)).toThrow(/unknown corruption/);
    expect(() => corruptImages('contrast', g.x, g.shape, 6 as never, 1)).toThrow(/severity must be 1..5/);
    expect(() => corruptImages('contrast', g.x.slice(1), g.shape, 1, 1)).toThrow(/expected 784/);
  });
});

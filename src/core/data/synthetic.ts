// A seeded procedural data set for tests and instant demos: each class is a random smooth prototype
// image; samples are the prototype shifted by up to one pixel plus pixel noise. Learnable in a few
// steps by tiny models, yet not trivially separable by one pixel.
import { stream } from '../rng';
import { channelStats } from './stats';
import type { Dataset, Split } from './types';

export interface SyntheticOptions {
  trainSize: number;
  testSize: number;
  size: number;
  channels: 1 | 3;
  numClasses?: number;
  seed: number;
}

export function syntheticDataset(o: SyntheticOptions): Dataset {
  const K = o.numClasses ?? 10;
  const rng = stream(o.seed, 'data', 'synthetic');
  const S = o.size;
  const C = o.channels;
  const protos = Array.from({ length: K }, () => {
    // Sum of a few random Gaussian blobs per channel.
    const p = new Float32Array(S * S * C);
    for (let c = 0; c < C; c++) {
      for (let b = 0; b < 3; b++) {
        const cy = rng.next() * S,
          cx = rng.next() * S,
          r = 1 + rng.next() * (S / 4);
        for (let y = 0; y < S; y++)
          for (let x = 0; x < S; x++)
            p[(y * S + x) * C + c] += Math.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * r * r));
      }
    }
    return p;
  });
  const make = (n: number): Split => {
    const images = new Uint8Array(n * S * S * C);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const k = i % K;
      labels[i] = k;
      const dy = rng.int(3) - 1,
        dx = rng.int(3) - 1;
      for (let y = 0; y < S; y++)
        for (let x = 0; x < S; x++)
          for (let c = 0; c < C; c++) {
            const sy = Math.min(S - 1, Math.max(0, y + dy)),
              sx = Math.min(S - 1, Math.max(0, x + dx));
            const v = protos[k][(sy * S + sx) * C + c] * 0.8 + (rng.next() - 0.5) * 0.5;
            images[((i * S + y) * S + x) * C + c] = Math.round(255 * Math.min(1, Math.max(0, v)));
          }
    }
    return { images, labels, count: n };
  };
  const train = make(o.trainSize);
  const test = make(o.testSize);
  return {
    name: `Synthetic ${S}×${S}×${C}`,
    height: S,
    width: S,
    channels: C,
    numClasses: K,
    classNames: Array.from({ length: K }, (_, i) => `class ${i}`),
    train,
    test,
    ...channelStats(train, C),
  };
}

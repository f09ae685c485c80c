import type { Split } from './types';

/** Per-channel mean and std of uint8 NHWC pixels, in [0,1] units. */
export function channelStats(split: Split, channels: number): { mean: number[]; std: number[] } {
  const sum = new Float64Array(channels);
  const sq = new Float64Array(channels);
  const px = split.images;
  for (let i = 0; i < px.length; i++) {
    const v = px[i] / 255;
    const c = i % channels;
    sum[c] += v;
    sq[c] += v * v;
  }
  const n = px.length / channels;
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sq, (s, c) => Math.sqrt(Math.max(s / n - mean[c] ** 2, 1e-8)));
  return { mean, std };
}

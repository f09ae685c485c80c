// The embedded MNIST asset: encode/decode round trip, clear errors on bad bytes, and the real file if built.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMnist10k, encodeMnist10k, MNIST10K_FILE, mnist10kDataset } from './mnist10k';

function tiny(count = 12, h = 3, w = 2) {
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const pixels = Uint8Array.from({ length: count * h * w }, (_, i) => (i * 31) % 256);
  return { labels, pixels, h, w };
}

describe('encodeMnist10k / decodeMnist10k', () => {
  it('round-trips labels, pixels and shape', () => {
    const t = tiny();
    const bytes = encodeMnist10k(t.labels, t.pixels, t.h, t.w);
    expect(bytes.length).toBe(16 + 12 + 12 * 6);
    const { all, height, width } = decodeMnist10k(bytes);
    expect([height, width, all.count]).toEqual([3, 2, 12]);
    expect(Array.from(all.labels)).toEqual(Array.from(t.labels));
    expect(Array.from(all.images)).toEqual(Array.from(t.pixels));
  });

  it('decodes from a view into a larger buffer (non-zero byteOffset)', () => {
    const t = tiny();
    const bytes = encodeMnist10k(t.labels, t.pixels, t.h, t.w);
    const big = new Uint8Array(bytes.length + 10);
    big.set(bytes, 7);
    const { all } = decodeMnist10k(big.subarray(7, 7 + bytes.length));
    expect(Array.from(all.labels)).toEqual(Array.from(t.labels));
  });

  it('rejects a wrong magic with a clear error', () => {
    const t = tiny();
    const bytes = encodeMnist10k(t.labels, t.pixels, t.h, t.w);
    bytes[0] = 'X'.charCodeAt(0);
    expect(() => decodeMnist10k(bytes)).toThrow(/mnist-10k\.bin: not an embedded MNIST asset.*data:embed/);
    expect(() => decodeMnist10k(new TextEncoder().encode('<!doctype html><html>'))).toThrow(/not an embedded/);
  });

  it('rejects input shorter than the header', () => {
    expect(() => decodeMnist10k(new Uint8Array(0))).toThrow(/not an embedded MNIST asset/);
    expect(() => decodeMnist10k(new TextEncoder().encode('KDM1'))).toThrow(/not an embedded MNIST asset/);
  });

  it('rejects truncated (and over-long) input with the expected size', () => {
    const t = tiny();
    const bytes = encodeMnist10k(t.labels, t.pixels, t.h, t.w);
    expect(() => decodeMnist10k(bytes.subarray(0, bytes.length - 5))).toThrow(
      new RegExp(`expected ${bytes.length} bytes, got ${bytes.length - 5} \\(truncated\\?\\)`),
    );
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => decodeMnist10k(longer)).toThrow(/expected/);
  });

  it('rejects labels outside 0..9', () => {
    const t = tiny();
    t.labels[4] = 12;
    expect(() => decodeMnist10k(encodeMnist10k(t.labels, t.pixels, t.h, t.w))).toThrow(/label 12 out of range/);
  });
});

const asset = join(process.cwd(), 'public', 'data', MNIST10K_FILE);

describe.skipIf(!existsSync(asset))('the built asset public/data/mnist-10k.bin', () => {
  const bytes = existsSync(asset) ? new Uint8Array(readFileSync(asset)) : new Uint8Array(0);

  it('decodes to 10,000 28×28 images with labels 0..9, every class present', () => {
    const { all, height, width } = decodeMnist10k(bytes);
    expect([all.count, height, width]).toEqual([10000, 28, 28]);
    const counts = new Array(10).fill(0);
    for (const l of all.labels) counts[l]++;
    counts.forEach((c) => expect(c).toBeGreaterThan(500));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10000);
    // Real digits: mostly background with some ink.
    let ink = 0;
    for (let i = 0; i < 784 * 100; i++) if (all.images[i] > 128) ink++;
    expect(ink / (784 * 100)).toBeGreaterThan(0.05);
    expect(ink / (784 * 100)).toBeLessThan(0.4);
  });

  it('splits into a stratified train/test data set with normalisation stats', () => {
    const d = mnist10kDataset(bytes, 8000, 2000, 1);
    expect([d.train.count, d.test.count, d.channels, d.numClasses]).toEqual([8000, 2000, 1, 10]);
    const tc = new Array(10).fill(0);
    for (const l of d.test.labels) tc[l]++;
    const { all } = decodeMnist10k(bytes);
    const ac = new Array(10).fill(0);
    for (const l of all.labels) ac[l]++;
    tc.forEach((c, k) => expect(Math.abs(c - ac[k] / 5)).toBeLessThanOrEqual(1));
    expect(d.mean[0]).toBeGreaterThan(0.05);
    expect(d.mean[0]).toBeLessThan(0.3);
    expect(d.std[0]).toBeGreaterThan(0.2);
  });
});

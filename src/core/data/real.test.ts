import { describe, expect, it } from 'vitest';
import { dataSpec } from '../config/schema';
import { realDataset, residentBytes, type RealData } from './real';

function fake(nTrain: number, nTest: number): RealData {
  const size = 2 * 2 * 3;
  const split = (n: number) => ({
    images: Uint8Array.from({ length: n * size }, (_, i) => i % 256),
    labels: Uint8Array.from({ length: n }, (_, i) => i % 10),
    count: n,
  });
  return {
    id: 'cifar-10',
    height: 2,
    width: 2,
    channels: 3,
    classNames: Array.from({ length: 10 }, (_, i) => `c${i}`),
    train: split(nTrain),
    test: split(nTest),
    summary: 'fake',
  };
}

describe('realDataset', () => {
  it('uses the whole split without copying when the caps are larger', () => {
    const data = fake(200, 100);
    const d = realDataset(data, dataSpec.parse({ dataset: 'cifar-10' }) as never, 1);
    expect(d.train).toBe(data.train);
    expect(d.test).toBe(data.test);
    expect(d.name).toBe('CIFAR-10');
    expect(d.augment).toBe('crop-flip');
    expect(d.mean).toHaveLength(3);
    expect(residentBytes(data)).toBe(200 * 13 + 100 * 13);
  });

  it('takes a seeded, class-balanced subset when capped', () => {
    const data = fake(1000, 500);
    const spec = dataSpec.parse({ dataset: 'cifar-10', trainSize: 300, testSize: 100 }) as never;
    const a = realDataset(data, spec, 5);
    const b = realDataset(data, spec, 5);
    expect(a.train.count).toBe(300);
    expect(a.test.count).toBe(100);
    expect(a.train.labels).toEqual(b.train.labels);
    const perClass = new Array(10).fill(0);
    for (const l of a.train.labels) perClass[l]++;
    expect(perClass).toEqual(new Array(10).fill(30));
    expect(a.name).toBe('CIFAR-10 (subset)');
  });

  it('refuses data of another set than the config names', () => {
    expect(() => realDataset(fake(100, 100), dataSpec.parse({ dataset: 'mnist' }) as never, 1)).toThrow(/cifar-10/);
  });
});

// Real data sets (MNIST, Fashion-MNIST, CIFAR-10) once their bytes are in memory, from an import or prepared
// shards: a config's sizes select a seeded stratified subset, without copying when the whole split is used.
import type { DataSpec, RealDatasetName } from '../config/schema';
import { stratifiedSplit } from './split';
import { channelStats } from './stats';
import type { Dataset, Split } from './types';

export const REAL_DATASET_NAMES: Record<RealDatasetName, string> = {
  mnist: 'MNIST',
  'fashion-mnist': 'Fashion-MNIST',
  'cifar-10': 'CIFAR-10',
};

/** A loaded real data set: all the images it has, uint8 NHWC. */
export interface RealData {
  id: RealDatasetName;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  train: Split;
  test: Split;
  /** What was found, e.g. "10,000 training images from 1 of 5 batches, 10,000 test images". */
  summary: string;
}

export type RealSpec = Extract<DataSpec, { dataset: RealDatasetName }>;

/** Bytes held by the pixels and labels (they stay uint8 until batching). */
export function residentBytes(d: Pick<RealData, 'train' | 'test'>): number {
  return d.train.images.byteLength + d.train.labels.byteLength + d.test.images.byteLength + d.test.labels.byteLength;
}

// Channel statistics of a full training split are costly on CIFAR (150 M pixels): compute once per split.
const statsCache = new WeakMap<Split, { mean: number[]; std: number[] }>();

function subset(split: Split, n: number, imageBytes: number, K: number, seed: number): Split {
  if (n >= split.count) return split;
  return stratifiedSplit(split, imageBytes, K, n, 0, seed).train;
}

export function realDataset(data: RealData, spec: RealSpec, seed: number): Dataset {
  if (data.id !== spec.dataset) throw new Error(`loaded data set is ${data.id}, the config asks for ${spec.dataset}`);
  const imageBytes = data.height * data.width * data.channels;
  const K = data.classNames.length;
  const train = subset(data.train, spec.trainSize, imageBytes, K, seed);
  const test = subset(data.test, spec.testSize, imageBytes, K, seed + 1);
  let stats = statsCache.get(train);
  if (!stats) statsCache.set(train, (stats = channelStats(train, data.channels)));
  const partial = train.count < data.train.count || test.count < data.test.count;
  return {
    name: `${REAL_DATASET_NAMES[data.id]}${partial ? ' (subset)' : ''}`,
    height: data.height,
    width: data.width,
    channels: data.channels,
    numClasses: K,
    classNames: data.classNames,
    train,
    test,
    ...stats,
    augment: spec.augment,
  };
}

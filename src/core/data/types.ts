import type { Augment } from '../config/schema';

// Data sets stay uint8 (pixels 0..255, NHWC) until a batch is built: CIFAR-10 train is 150 MB as float32
// but 150 MB / 4 as uint8, and batches are small enough to convert on the fly.

export interface Split {
  images: Uint8Array; // count × H × W × C
  labels: Uint8Array; // count
  count: number;
}

export interface Dataset {
  name: string;
  height: number;
  width: number;
  channels: number;
  numClasses: number;
  classNames: string[];
  train: Split;
  test: Split;
  /** Per-channel mean and std of the training pixels in [0,1]: the models normalise internally. */
  mean: number[];
  std: number[];
  /** Augmentation of training batches (default none). */
  augment?: Augment;
}

export function imageSize(d: Pick<Dataset, 'height' | 'width' | 'channels'>): number {
  return d.height * d.width * d.channels;
}

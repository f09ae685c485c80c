// Input shape of a data set from its spec alone (tfjs-free), for parameter counts before training.
import type { DataSpec } from '../config/schema';

export function inputShapeOf(d: DataSpec): { height: number; width: number; channels: number; numClasses: number } {
  return d.dataset === 'mnist-10k'
    ? { height: 28, width: 28, channels: 1, numClasses: 10 }
    : { height: d.size, width: d.size, channels: d.channels, numClasses: 10 };
}

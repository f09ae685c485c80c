// Input shape of a data set from its spec alone (tfjs-free), for parameter counts before any data is loaded.
import type { DataSpec } from '../config/schema';

export interface InputShape {
  height: number;
  width: number;
  channels: number;
  numClasses: number;
}

export function inputShapeOf(d: DataSpec): InputShape {
  switch (d.dataset) {
    case 'mnist-10k':
    case 'mnist':
    case 'fashion-mnist':
      return { height: 28, width: 28, channels: 1, numClasses: 10 };
    case 'cifar-10':
      return { height: 32, width: 32, channels: 3, numClasses: 10 };
    case 'synthetic':
      return { height: d.size, width: d.size, channels: d.channels, numClasses: 10 };
  }
}

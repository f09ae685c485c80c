// CIFAR-10 binary batches: records of 1 label byte + 3,072 pixel bytes stored planar (1,024 R, then G, then B,
// each row-major 32×32). The playground keeps images NHWC, so records are interleaved on the way in.
import { DataFormatError, fmtInt } from './errors';

export const CIFAR_SIDE = 32;
export const CIFAR_PLANE = CIFAR_SIDE * CIFAR_SIDE;
export const CIFAR_IMAGE = CIFAR_PLANE * 3;
export const CIFAR_RECORD = 1 + CIFAR_IMAGE;
export const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];

export interface CifarBatch {
  count: number;
  images: Uint8Array; // count × 32 × 32 × 3
  labels: Uint8Array;
}

export function parseCifarBatch(bytes: Uint8Array, file: string): CifarBatch {
  const count = cifarRecordCount(bytes, file);
  const batch = { count, images: new Uint8Array(count * CIFAR_IMAGE), labels: new Uint8Array(count) };
  decodeCifarInto(bytes, file, batch.images, batch.labels, 0);
  return batch;
}

/** Validates the length only, so that callers can size one buffer for several batches before decoding. */
export function cifarRecordCount(bytes: Uint8Array, file: string): number {
  if (bytes.length === 0) throw new DataFormatError(file, 'the file is empty');
  if (bytes.length % CIFAR_RECORD !== 0) {
    const whole = Math.floor(bytes.length / CIFAR_RECORD);
    throw new DataFormatError(
      file,
      `${fmtInt(bytes.length)} bytes is not a whole number of ${fmtInt(CIFAR_RECORD)}-byte CIFAR-10 records ` +
        `(${fmtInt(whole)} records and ${fmtInt(bytes.length - whole * CIFAR_RECORD)} bytes left over): ` +
        'the file is truncated or not a CIFAR-10 binary batch',
    );
  }
  return bytes.length / CIFAR_RECORD;
}

/** Decodes every record of `bytes` into images/labels starting at image index `at`. */
export function decodeCifarInto(
  bytes: Uint8Array,
  file: string,
  images: Uint8Array,
  labels: Uint8Array,
  at: number,
): void {
  const count = cifarRecordCount(bytes, file);
  for (let i = 0; i < count; i++) {
    const rec = i * CIFAR_RECORD;
    const label = bytes[rec];
    if (label > 9) {
      throw new DataFormatError(
        file,
        `record ${fmtInt(i)} has label ${label} but CIFAR-10 labels are 0 to 9 (is this a CIFAR-100 file?)`,
      );
    }
    labels[at + i] = label;
    const r = bytes.subarray(rec + 1, rec + 1 + CIFAR_PLANE);
    const g = bytes.subarray(rec + 1 + CIFAR_PLANE, rec + 1 + 2 * CIFAR_PLANE);
    const b = bytes.subarray(rec + 1 + 2 * CIFAR_PLANE, rec + CIFAR_RECORD);
    let o = (at + i) * CIFAR_IMAGE;
    for (let p = 0; p < CIFAR_PLANE; p++, o += 3) {
      images[o] = r[p];
      images[o + 1] = g[p];
      images[o + 2] = b[p];
    }
  }
}

/** batches.meta.txt: one class name per line, blank lines ignored. */
export function parseCifarMeta(text: string, file = 'batches.meta.txt'): string[] {
  const names = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (names.length !== 10) {
    throw new DataFormatError(file, `expected 10 class names, one per line, but found ${names.length}`);
  }
  return names;
}

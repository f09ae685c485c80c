// idx (LeCun's MNIST format, also used by Fashion-MNIST): big-endian header, then raw unsigned bytes.
//   images: 0x00000803 | count | rows | cols | pixels     labels: 0x00000801 | count | labels
import { DataFormatError, fmtInt } from './errors';
import { isGzip } from './gzip';

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

export interface IdxImages {
  count: number;
  height: number;
  width: number;
  pixels: Uint8Array; // count × height × width, row-major; a view into `bytes`
}

export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  checkMagic(bytes, file, IDX_IMAGES_MAGIC, 16);
  const [count, height, width] = [readU32(bytes, 4), readU32(bytes, 8), readU32(bytes, 12)];
  if (height === 0 || width === 0) throw new DataFormatError(file, `header says images of ${height}×${width}`);
  const what = `${fmtInt(count)} images of ${height}×${width}`;
  checkLength(bytes, file, 16 + count * height * width, what);
  return { count, height, width, pixels: bytes.subarray(16) };
}

export function parseIdxLabels(bytes: Uint8Array, file: string, numClasses = 10): Uint8Array {
  checkMagic(bytes, file, IDX_LABELS_MAGIC, 8);
  const count = readU32(bytes, 4);
  checkLength(bytes, file, 8 + count, `${fmtInt(count)} labels`);
  const labels = bytes.subarray(8);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= numClasses) {
      throw new DataFormatError(
        file,
        `label ${labels[i]} at position ${fmtInt(i)} is out of range (expected 0 to ${numClasses - 1})`,
      );
    }
  }
  return labels;
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
const kind = (magic: number) =>
  magic === IDX_IMAGES_MAGIC ? 'an idx image file' : magic === IDX_LABELS_MAGIC ? 'an idx label file' : '';

function checkMagic(bytes: Uint8Array, file: string, expected: number, headerBytes: number): void {
  if (bytes.length === 0) throw new DataFormatError(file, 'the file is empty');
  if (bytes.length < 4) {
    throw new DataFormatError(file, `truncated: ${bytes.length} bytes is too short for an idx header`);
  }
  const found = readU32(bytes, 0);
  if (found !== expected) {
    const hint = isGzip(bytes)
      ? '; the file looks gzip-compressed: decompress it first'
      : kind(found)
        ? `; this is ${kind(found)}, not ${kind(expected)}`
        : '';
    throw new DataFormatError(
      file,
      `not ${kind(expected)}: expected magic ${hex(expected)}, found ${hex(found)}${hint}`,
    );
  }
  if (bytes.length < headerBytes) {
    throw new DataFormatError(
      file,
      `truncated: the idx header needs ${headerBytes} bytes but the file has ${bytes.length}`,
    );
  }
}

function checkLength(bytes: Uint8Array, file: string, need: number, what: string): void {
  if (bytes.length < need) {
    throw new DataFormatError(
      file,
      `truncated: header says ${what} (${fmtInt(need)} bytes) but the file has ${fmtInt(bytes.length)} bytes`,
    );
  }
  if (bytes.length > need) {
    throw new DataFormatError(
      file,
      `${fmtInt(bytes.length - need)} unexpected bytes after the data: header says ${what} ` +
        `(${fmtInt(need)} bytes) but the file has ${fmtInt(bytes.length)} bytes`,
    );
  }
}

// idx parsers on the real MNIST files in ../shared/data, then on synthetic malformed ones.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataFormatError } from './errors';
import { gunzip } from './gzip';
import { parseIdxImages, parseIdxLabels } from './idx';
import { idxImages, idxLabels } from './testFixtures';

const MNIST_DIR = path.resolve(process.cwd(), '../shared/data/mnist');
const haveMnist = existsSync(MNIST_DIR);
const load = (name: string) => gunzip(new Uint8Array(readFileSync(path.join(MNIST_DIR, name))), name);
const histogram = (labels: Uint8Array) => labels.reduce((h, l) => (h[l]++, h), new Array(10).fill(0));

describe.skipIf(!haveMnist)('idx on the real MNIST files (../shared/data/mnist is absent: skipped)', () => {
  const files: Record<string, Uint8Array> = {};
  beforeAll(async () => {
    for (const n of ['train-images', 'train-labels', 't10k-images', 't10k-labels']) {
      files[n] = await load(`${n}-idx${n.endsWith('images') ? 3 : 1}-ubyte.gz`);
    }
  });

  it('reads 60,000 training images and labels', () => {
    const img = parseIdxImages(files['train-images'], 'train-images-idx3-ubyte.gz');
    expect([img.count, img.height, img.width, img.pixels.length]).toEqual([60_000, 28, 28, 60_000 * 784]);
    const labels = parseIdxLabels(files['train-labels'], 'train-labels-idx1-ubyte.gz');
    expect(labels.length).toBe(60_000);
    expect(Array.from(labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]); // the well-known first MNIST digits
    const h = histogram(labels);
    expect(h.reduce((a, b) => a + b)).toBe(60_000);
    h.forEach((n) => expect(n).toBeGreaterThan(5000)); // every digit 9–11 %
    // Digits are dark strokes on a zero background: the border pixels of the first image are 0, some are 255.
    const first = img.pixels.subarray(0, 784);
    expect(first[0]).toBe(0);
    expect(Math.max(...first)).toBeGreaterThan(200);
  });

  it('reads the 3,000-image test subset', () => {
    const img = parseIdxImages(files['t10k-images'], 't10k-images-idx3-ubyte.gz');
    expect([img.count, img.height, img.width]).toEqual([3000, 28, 28]);
    const labels = parseIdxLabels(files['t10k-labels'], 't10k-labels-idx1-ubyte.gz');
    expect(labels.length).toBe(3000);
    expect(Array.from(labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    expect(histogram(labels).reduce((a, b) => a + b)).toBe(3000);
  });

  it('explains a truncated real file with the sizes involved', () => {
    expect(() => parseIdxImages(files['train-images'].subarray(0, 1234), 'train-images-idx3-ubyte.gz')).toThrow(
      'train-images-idx3-ubyte.gz: truncated: header says 60,000 images of 28×28 (47,040,016 bytes) ' +
        'but the file has 1,234 bytes',
    );
  });
});

describe('idx on synthetic files', () => {
  it('parses images and labels as views', () => {
    const bytes = idxImages(3, 2, 4);
    const img = parseIdxImages(bytes, 'x');
    expect([img.count, img.height, img.width]).toEqual([3, 2, 4]);
    expect(Array.from(img.pixels)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(img.pixels.buffer).toBe(bytes.buffer);
    expect(Array.from(parseIdxLabels(idxLabels([0, 9, 3]), 'y'))).toEqual([0, 9, 3]);
  });

  it('rejects empty and truncated files', () => {
    expect(() => parseIdxImages(new Uint8Array(0), 'a')).toThrow('a: the file is empty');
    expect(() => parseIdxLabels(new Uint8Array(0), 'b')).toThrow('b: the file is empty');
    expect(() => parseIdxImages(new Uint8Array([0, 0]), 'a')).toThrow('a: truncated');
    expect(() => parseIdxImages(idxImages(2, 28, 28).subarray(0, 12), 'a')).toThrow(
      'a: truncated: the idx header needs 16 bytes but the file has 12',
    );
    expect(() => parseIdxImages(idxImages(2, 28, 28).subarray(0, 100), 'a')).toThrow(
      'a: truncated: header says 2 images of 28×28 (1,584 bytes) but the file has 100 bytes',
    );
    expect(() => parseIdxLabels(idxLabels([1, 2, 3]).subarray(0, 10), 'b')).toThrow(
      'b: truncated: header says 3 labels (11 bytes) but the file has 10 bytes',
    );
  });

  it('rejects extra bytes after the data', () => {
    const bytes = new Uint8Array(idxLabels([1, 2]).length + 5);
    bytes.set(idxLabels([1, 2]));
    expect(() => parseIdxLabels(bytes, 'b')).toThrow('b: 5 unexpected bytes after the data: header says 2 labels');
  });

  it('names the magic it found and the one it expected', () => {
    expect(() => parseIdxImages(idxLabels([1]), 'train-images-idx3-ubyte')).toThrow(
      'train-images-idx3-ubyte: not an idx image file: expected magic 0x00000803, found 0x00000801; ' +
        'this is an idx label file, not an idx image file',
    );
    expect(() => parseIdxLabels(new TextEncoder().encode('<!DOCTYPE html>'), 'labels')).toThrow(
      'labels: not an idx label file: expected magic 0x00000801, found 0x3c21444f',
    );
    const gz = new Uint8Array(gzipSync(idxLabels([1])));
    expect(() => parseIdxLabels(gz, 'l.gz')).toThrow(/found 0x1f8b0800; the file looks gzip-compressed/);
  });

  it('rejects labels out of range, with their position', () => {
    expect(() => parseIdxLabels(idxLabels([0, 1, 12]), 'b')).toThrow(
      'b: label 12 at position 2 is out of range (expected 0 to 9)',
    );
    expect(() => parseIdxLabels(idxLabels([0, 4]), 'b', 4)).toThrow(DataFormatError);
  });

  it('rejects zero-sized images', () => {
    expect(() => parseIdxImages(idxImages(0, 0, 28), 'a')).toThrow('a: header says images of 0×28');
  });
});

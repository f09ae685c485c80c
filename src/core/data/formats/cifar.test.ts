// CIFAR-10 binary batches: the real subset in ../shared/data, the planar → NHWC conversion on a record with
// known planes, and malformed batches.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CIFAR10_CLASSES, CIFAR_RECORD, parseCifarBatch, parseCifarMeta, type CifarBatch } from './cifar';
import { gunzip } from './gzip';
import { untar } from './tar';
import { cifarBatch, cifarRecord } from './testFixtures';

const CIFAR_TAR = path.resolve(process.cwd(), '../shared/data/cifar-10-binary-subset.tar.gz');
const haveCifar = existsSync(CIFAR_TAR);
const histogram = (labels: Uint8Array) => labels.reduce((h, l) => (h[l]++, h), new Array(10).fill(0));
const hwc = (r: number, c: number, k: number) => (r * 32 + c) * 3 + k;

describe.skipIf(!haveCifar)(
  'CIFAR-10 on the real subset (../shared/data/cifar-10-binary-subset.tar.gz is absent: skipped)',
  () => {
    const raw: Record<string, Uint8Array> = {};
    let train: CifarBatch;
    let test: CifarBatch;
    beforeAll(async () => {
      const tar = await gunzip(new Uint8Array(readFileSync(CIFAR_TAR)), 'cifar-10-binary-subset.tar.gz');
      for (const e of untar(tar, 'cifar-10-binary-subset.tar.gz')) raw[e.name] = e.bytes;
      train = parseCifarBatch(raw['cifar-10-batches-bin/data_batch_1.bin'], 'data_batch_1.bin');
      test = parseCifarBatch(raw['cifar-10-batches-bin/test_batch.bin'], 'test_batch.bin');
    });

    it('holds the documented files', () => {
      expect(Object.keys(raw).sort()).toEqual([
        'cifar-10-batches-bin/batches.meta.txt',
        'cifar-10-batches-bin/data_batch_1.bin',
        'cifar-10-batches-bin/test_batch.bin',
      ]);
    });

    it('reads 10,000 training and 10,000 test images', () => {
      expect([train.count, train.images.length, train.labels.length]).toEqual([10_000, 10_000 * 3072, 10_000]);
      expect([test.count, test.images.length, test.labels.length]).toEqual([10_000, 10_000 * 3072, 10_000]);
      expect(Array.from(train.labels.subarray(0, 5))).toEqual([1, 1, 6, 0, 4]);
      const h = histogram(train.labels);
      expect(h.reduce((a, b) => a + b)).toBe(10_000);
      h.forEach((n) => expect(n).toBeGreaterThan(900));
      expect(histogram(test.labels)).toEqual(new Array(10).fill(1000)); // the official test batch is balanced
    });

    it('interleaves the R, G, B planes into HWC pixels', () => {
      const file = raw['cifar-10-batches-bin/data_batch_1.bin'];
      for (const i of [0, 1, 9999]) {
        const rec = file.subarray(i * CIFAR_RECORD, (i + 1) * CIFAR_RECORD);
        const img = train.images.subarray(i * 3072, (i + 1) * 3072);
        for (const [r, c] of [
          [0, 0],
          [5, 17],
          [31, 31],
        ]) {
          for (let k = 0; k < 3; k++) expect(img[hwc(r, c, k)]).toBe(rec[1 + k * 1024 + r * 32 + c]);
        }
      }
    });

    it('reads the class names', () => {
      const text = new TextDecoder().decode(raw['cifar-10-batches-bin/batches.meta.txt']);
      expect(parseCifarMeta(text)).toEqual(CIFAR10_CLASSES);
    });
  },
);

describe('CIFAR-10 on synthetic batches', () => {
  it('maps planar record bytes to NHWC pixels', () => {
    // Channel c of pixel (r, col) is 10c + (r + col) mod 10: every (pixel, channel) is recognisable.
    const planes = (c: number, p: number) => 10 * c + ((Math.floor(p / 32) + (p % 32)) % 10);
    const bytes = new Uint8Array(2 * CIFAR_RECORD);
    bytes.set(cifarRecord(3, () => 0));
    bytes.set(cifarRecord(7, planes), CIFAR_RECORD);
    const { count, images, labels } = parseCifarBatch(bytes, 'b.bin');
    expect(count).toBe(2);
    expect(Array.from(labels)).toEqual([3, 7]);
    const second = images.subarray(3072);
    for (const [r, c] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 5],
      [31, 30],
    ]) {
      expect([0, 1, 2].map((k) => second[hwc(r, c, k)])).toEqual([0, 10, 20].map((base) => base + ((r + c) % 10)));
    }
    expect(images.subarray(0, 3072).every((v) => v === 0)).toBe(true);
  });

  it('rejects an empty file', () => {
    expect(() => parseCifarBatch(new Uint8Array(0), 'data_batch_1.bin')).toThrow('data_batch_1.bin: the file is empty');
  });

  it('rejects a length that is not a whole number of records', () => {
    const bytes = cifarBatch([0, 1, 2]).subarray(0, 3 * CIFAR_RECORD - 100);
    expect(() => parseCifarBatch(bytes, 'data_batch_2.bin')).toThrow(
      'data_batch_2.bin: 9,119 bytes is not a whole number of 3,073-byte CIFAR-10 records ' +
        '(2 records and 2,973 bytes left over)',
    );
  });

  it('rejects a label above 9 and names the record', () => {
    expect(() => parseCifarBatch(cifarBatch([0, 9, 42, 1]), 'test_batch.bin')).toThrow(
      'test_batch.bin: record 2 has label 42 but CIFAR-10 labels are 0 to 9',
    );
  });

  it('parses batches.meta.txt with blank lines and CRLF, and rejects the wrong count', () => {
    const text = `\r\n${CIFAR10_CLASSES.join('\r\n')}\r\n\r\n`;
    expect(parseCifarMeta(text)).toEqual(CIFAR10_CLASSES);
    expect(() => parseCifarMeta('a\nb\n')).toThrow(
      'batches.meta.txt: expected 10 class names, one per line, but found 2',
    );
  });
});

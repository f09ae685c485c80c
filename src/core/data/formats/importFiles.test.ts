// importFiles end to end: the real MNIST and CIFAR-10 files from ../shared/data, then synthetic selections
// (archives, partial sets, held-out test splits) and every selection-level error.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CIFAR10_CLASSES } from './cifar';
import { DataFormatError } from './errors';
import { FASHION_MNIST_CLASSES, MNIST_CLASSES, importFiles, type InputFile } from './importFiles';
import { cifarBatch, idxImages, idxLabels, makeTar } from './testFixtures';

const DATA = path.resolve(process.cwd(), '../shared/data');
const haveData = existsSync(path.join(DATA, 'mnist')) && existsSync(path.join(DATA, 'cifar-10-binary-subset.tar.gz'));
const read = (rel: string): InputFile => ({ name: rel, bytes: new Uint8Array(readFileSync(path.join(DATA, rel))) });
const gz = (b: Uint8Array) => new Uint8Array(gzipSync(b));
const histogram = (labels: Uint8Array) => labels.reduce((h, l) => (h[l]++, h), new Array(10).fill(0));
const MNIST_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

describe.skipIf(!haveData)(
  'importFiles on the real files (../shared/data is absent: real-file import tests skipped)',
  () => {
    let mnist: InputFile[];
    let cifar: InputFile;
    beforeAll(() => {
      mnist = MNIST_FILES.map((n) => read(`mnist/${n}.gz`));
      cifar = read('cifar-10-binary-subset.tar.gz');
    });

    it('imports the four MNIST .gz files', async () => {
      const d = await importFiles(mnist);
      expect([d.id, d.height, d.width, d.channels]).toEqual(['mnist', 28, 28, 1]);
      expect(d.classNames).toEqual(MNIST_CLASSES);
      expect([d.train.count, d.train.images.length, d.train.labels.length]).toEqual([60_000, 60_000 * 784, 60_000]);
      expect([d.test.count, d.test.images.length, d.test.labels.length]).toEqual([3000, 3000 * 784, 3000]);
      expect(d.summary).toBe('60,000 training images, 3,000 test images');
      expect(d.sources).toEqual(MNIST_FILES.map((n) => `mnist/${n}.gz`));
      expect(d.warnings).toEqual([]);
      expect(d.residentBytes).toBe(63_000 * 785);
      expect(Array.from(d.train.labels.subarray(0, 3))).toEqual([5, 0, 4]);
    });

    it('holds out a stratified test split when the test files are missing', async () => {
      const d = await importFiles(mnist.slice(0, 2));
      expect(d.test.count).toBe(10_000);
      expect(d.train.count).toBe(50_000); // every image is used: train takes what each class has left
      expect(d.summary).toBe('50,000 training images, 10,000 test images held out from the training files');
      expect(d.warnings).toEqual(['no test files: held out 10,000 of the 60,000 training images as the test set']);
      // Each class keeps its share: a sixth of each class, to within rounding.
      const all = histogram(new Uint8Array(gunzipSync(mnist[1].bytes)).subarray(8));
      histogram(d.test.labels).forEach((n, c) => expect(Math.abs(n - all[c] / 6)).toBeLessThanOrEqual(1));
      const again = await importFiles(mnist.slice(0, 2));
      expect(Buffer.from(again.test.labels).equals(Buffer.from(d.test.labels))).toBe(true); // seeded
    });

    it('imports Fashion-MNIST when asked to', async () => {
      const d = await importFiles(mnist, { idxAs: 'fashion-mnist' });
      expect(d.id).toBe('fashion-mnist');
      expect(d.classNames).toEqual(FASHION_MNIST_CLASSES);
    });

    it('imports the partial CIFAR-10 archive and says what it found', async () => {
      const d = await importFiles([cifar]);
      expect([d.id, d.height, d.width, d.channels]).toEqual(['cifar-10', 32, 32, 3]);
      expect([d.train.count, d.train.images.length, d.test.count, d.test.images.length]).toEqual([
        10_000,
        10_000 * 3072,
        10_000,
        10_000 * 3072,
      ]);
      expect(d.summary).toBe('10,000 training images from 1 of 5 batches, 10,000 test images');
      expect(d.classNames).toEqual(CIFAR10_CLASSES);
      const dir = 'cifar-10-binary-subset.tar.gz/cifar-10-batches-bin';
      expect(d.sources).toEqual([`${dir}/data_batch_1.bin`, `${dir}/test_batch.bin`, `${dir}/batches.meta.txt`]);
      expect(d.warnings).toEqual([
        'missing data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin: training on 1 of 5 batches',
      ]);
      expect(d.residentBytes).toBe(20_000 * 3073);
      expect(histogram(d.test.labels)).toEqual(new Array(10).fill(1000));
    });
  },
);

const cycle = (n: number) => Array.from({ length: n }, (_, i) => i % 10);
const file = (name: string, bytes: Uint8Array): InputFile => ({ name, bytes });
const tiny = (prefix = '', n = 12, t = 6) => [
  file(`${prefix}train-images-idx3-ubyte`, idxImages(n, 2, 3)),
  file(`${prefix}train-labels-idx1-ubyte`, idxLabels(cycle(n))),
  file(`${prefix}t10k-images-idx3-ubyte`, idxImages(t, 2, 3)),
  file(`${prefix}t10k-labels-idx1-ubyte`, idxLabels(cycle(t))),
];
const errorOf = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DataFormatError);
  return (e as DataFormatError).message;
};

describe('importFiles on synthetic idx selections', () => {
  it('accepts the .idx3-ubyte spelling, raw or gzipped, and sizes from the header', async () => {
    const d = await importFiles([
      file('train-images.idx3-ubyte', idxImages(12, 2, 3)),
      file('train-labels.idx1-ubyte.gz', gz(idxLabels(cycle(12)))),
      file('t10k-images.idx3-ubyte', idxImages(6, 2, 3)),
      file('t10k-labels.idx1-ubyte', idxLabels(cycle(6))),
    ]);
    expect([d.id, d.height, d.width, d.train.count, d.test.count]).toEqual(['mnist', 2, 3, 12, 6]);
    expect(d.summary).toBe('12 training images, 6 test images');
  });

  it('reads a .tar.gz of a fashion folder as Fashion-MNIST, copies out of the archive and warns about extras', async () => {
    const files = tiny();
    const tar = makeTar([
      { name: 'fashion/', type: '5' },
      ...files.map((f) => ({ name: `fashion/${f.name}.gz`, bytes: gz(f.bytes) })),
      { name: 'fashion/README.md', bytes: new TextEncoder().encode('hi') },
      { name: 'fashion/._train-images-idx3-ubyte', bytes: new Uint8Array(10) },
    ]);
    const d = await importFiles([file('data.tar.gz', gz(tar))]);
    expect(d.id).toBe('fashion-mnist');
    expect(d.classNames).toEqual(FASHION_MNIST_CLASSES);
    expect(d.sources[0]).toBe('data.tar.gz/fashion/train-images-idx3-ubyte.gz');
    expect(d.warnings).toEqual([
      'ignored data.tar.gz/fashion/README.md, data.tar.gz/fashion/._train-images-idx3-ubyte: ' +
        'not recognised as MNIST/Fashion-MNIST idx or CIFAR-10 binary files',
    ]);
    expect(Array.from(d.train.labels)).toEqual(cycle(12));
    expect(d.residentBytes).toBe(18 * 7);
    const opts = await importFiles([file('fashion.tar', tar)], { idxAs: 'mnist' });
    expect(opts.id).toBe('mnist');
  });

  it('ignores an identical duplicate but refuses two different versions', async () => {
    const files = tiny();
    const dup = await importFiles([...files, file('copy/train-labels-idx1-ubyte.gz', gz(files[1].bytes))]);
    expect(dup.warnings).toEqual(['ignored copy/train-labels-idx1-ubyte.gz: same content as train-labels-idx1-ubyte']);
    const other = file('other/train-labels-idx1-ubyte', idxLabels(cycle(12).reverse()));
    expect(await errorOf(importFiles([...files, other]))).toBe(
      'train-labels-idx1-ubyte and other/train-labels-idx1-ubyte are different versions of the same file; keep one',
    );
  });

  it('rejects images and labels that disagree on the count, naming both files', async () => {
    const files = tiny();
    files[3] = file('t10k-labels-idx1-ubyte', idxLabels(cycle(5)));
    expect(await errorOf(importFiles(files))).toBe(
      't10k-images-idx3-ubyte: has 6 images but t10k-labels-idx1-ubyte has 5 labels',
    );
  });

  it('rejects test images of another size than the training images', async () => {
    const files = tiny();
    files[2] = file('t10k-images-idx3-ubyte', idxImages(6, 3, 2));
    expect(await errorOf(importFiles(files))).toBe(
      't10k-images-idx3-ubyte: has images of 3×2 but train-images-idx3-ubyte has 2×3',
    );
  });

  it('rejects a test file without its partner and a selection without training files', async () => {
    const files = tiny();
    expect(await errorOf(importFiles(files.slice(0, 3)))).toBe(
      't10k-images-idx3-ubyte: found without its partner t10k-labels-idx1-ubyte; add it or leave both test files out',
    );
    expect(await errorOf(importFiles(files.slice(1)))).toBe(
      'no training images among the files found (train-labels-idx1-ubyte, t10k-images-idx3-ubyte, ' +
        't10k-labels-idx1-ubyte); MNIST needs train-images-idx3-ubyte and train-labels-idx1-ubyte',
    );
  });

  it('passes parser errors through with the file name the user knows', async () => {
    const files = tiny();
    files[0] = file('train-images-idx3-ubyte.gz', gz(idxImages(12, 2, 3).subarray(0, 50)));
    expect(await errorOf(importFiles(files))).toBe(
      'train-images-idx3-ubyte.gz: truncated: header says 12 images of 2×3 (88 bytes) but the file has 50 bytes',
    );
    files[0] = file('train-images-idx3-ubyte.gz', gz(idxImages(12, 2, 3)).subarray(0, 30));
    expect(await errorOf(importFiles(files))).toMatch(/^train-images-idx3-ubyte\.gz: corrupt or truncated gzip data/);
  });

  it('refuses to hold out a test set from too few images', async () => {
    expect(await errorOf(importFiles(tiny('', 5).slice(0, 2)))).toBe(
      'train-images-idx3-ubyte: only 5 training images and no test files: too few to hold out a test set',
    );
  });
});

describe('importFiles on synthetic CIFAR-10 selections', () => {
  const batch = (first: number, n = 12) => cifarBatch(cycle(n).map((l) => (l + first) % 10));

  it('reads a partial archive (batch 3 + test) and says so', async () => {
    const tar = makeTar([
      { name: 'cifar-10-batches-bin/data_batch_3.bin', bytes: batch(3) },
      { name: 'cifar-10-batches-bin/test_batch.bin', bytes: batch(0, 6) },
    ]);
    const d = await importFiles([file('c.tar.gz', gz(tar))]);
    expect(d.summary).toBe('12 training images from 1 of 5 batches, 6 test images');
    expect(d.classNames).toEqual(CIFAR10_CLASSES); // no batches.meta.txt: the standard names
    expect(d.warnings).toEqual([
      'missing data_batch_1.bin, data_batch_2.bin, data_batch_4.bin, data_batch_5.bin: training on 1 of 5 batches',
    ]);
    expect(d.train.images.buffer.byteLength).toBe(12 * 3072);
  });

  it('concatenates batches in batch-number order and reads the class names', async () => {
    const names = CIFAR10_CLASSES.map((n) => n.toUpperCase());
    const d = await importFiles([
      file('data_batch_2.bin', batch(2, 3)),
      file('batches.meta.txt', new TextEncoder().encode(names.join('\n') + '\n\n')),
      file('data_batch_1.bin', batch(1, 3)),
      file('test_batch.bin', batch(0, 3)),
    ]);
    expect(Array.from(d.train.labels)).toEqual([1, 2, 3, 2, 3, 4]);
    expect(d.train.images[0]).toBe(0); // record 0 of batch 1: channel 0 of pixel 0 is 0 + 0 + 0
    expect(d.sources).toEqual(['data_batch_1.bin', 'data_batch_2.bin', 'test_batch.bin', 'batches.meta.txt']);
    expect(d.classNames).toEqual(names);
    expect(d.summary).toBe('6 training images from 2 of 5 batches, 3 test images');
  });

  it('holds out a test split when test_batch.bin is missing', async () => {
    const d = await importFiles([file('data_batch_1.bin', batch(0, 60))]);
    expect([d.train.count, d.test.count]).toEqual([50, 10]);
    expect(histogram(d.test.labels)).toEqual(new Array(10).fill(1));
    expect(d.summary).toBe('50 training images from 1 of 5 batches, 10 test images held out from the training files');
    expect(d.warnings[1]).toBe('no test files: held out 10 of the 60 training images as the test set');
  });

  it('rejects an archive with only the test batch', async () => {
    const tar = makeTar([{ name: 'cifar-10-batches-bin/test_batch.bin', bytes: batch(0) }]);
    expect(await errorOf(importFiles([file('c.tar', tar)]))).toBe(
      'no training files among the CIFAR-10 files found (c.tar/cifar-10-batches-bin/test_batch.bin); ' +
        'CIFAR-10 needs at least one of data_batch_1.bin to data_batch_5.bin',
    );
  });

  it('refuses an archive whose members escape it, even when their base names are CIFAR names', async () => {
    for (const name of ['../../../data_batch_2.bin', '/abs/path/test_batch.bin']) {
      const tar = makeTar([
        { name: 'cifar-10-batches-bin/data_batch_1.bin', bytes: batch(1) },
        { name, bytes: batch(2) },
      ]);
      const err = await importFiles([file('c.tar.gz', gz(tar))]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataFormatError);
      expect((err as DataFormatError).file).toBe('c.tar.gz');
      expect((err as Error).message).toMatch(
        new RegExp(`^c\\.tar\\.gz: unsafe member "${name.replace(/\./g, '\\.')}"`),
      );
    }
  });

  it('rejects a broken archive, a truncated batch and a mixed selection', async () => {
    const tar = makeTar([{ name: 'data_batch_1.bin', bytes: batch(0) }]);
    tar[0] ^= 0x20;
    expect(await errorOf(importFiles([file('c.tar.gz', gz(tar))]))).toMatch(
      /^c\.tar\.gz: corrupt archive: header checksum mismatch/,
    );
    expect(await errorOf(importFiles([file('data_batch_1.bin', batch(0).subarray(1))]))).toMatch(
      /^data_batch_1\.bin: 36,875 bytes is not a whole number of 3,073-byte CIFAR-10 records/,
    );
    expect(await errorOf(importFiles([file('data_batch_1.bin', batch(0)), ...tiny()]))).toBe(
      'the selection mixes MNIST-style idx files (train-images-idx3-ubyte, train-labels-idx1-ubyte, ' +
        't10k-images-idx3-ubyte, t10k-labels-idx1-ubyte) and CIFAR-10 files (data_batch_1.bin); ' +
        'import one data set at a time',
    );
  });
});

describe('importFiles with nothing usable', () => {
  it('lists what it found', async () => {
    const msg = await errorOf(
      importFiles([
        file('a.txt', new Uint8Array(3)),
        file('b.tar', makeTar([{ name: 'c.png', bytes: new Uint8Array(9) }])),
      ]),
    );
    expect(msg).toBe('no MNIST/Fashion-MNIST idx or CIFAR-10 binary files found in: a.txt, b.tar/c.png');
    expect(await errorOf(importFiles([]))).toBe('no files were given');
  });
});

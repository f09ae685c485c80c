// Turns whatever the user dropped (loose files, .gz, .tar, .tar.gz, folders of them) into one validated data set.
// Archives are recognised by content, data files by name + content; every problem is a DataFormatError, and
// nothing is returned unless the whole import succeeded.
import type { RealDatasetName } from '../../config/schema';
import type { RealData } from '../real';
import { stratifiedSplit } from '../split';
import type { Split } from '../types';
import {
  CIFAR10_CLASSES,
  CIFAR_IMAGE,
  cifarRecordCount,
  decodeCifarInto,
  parseCifarBatch,
  parseCifarMeta,
} from './cifar';
import { DataFormatError, fmtInt, listNames } from './errors';
import { gunzip, isGzip } from './gzip';
import { parseIdxImages, parseIdxLabels } from './idx';
import { isTar, untar } from './tar';

export type RealDatasetId = RealDatasetName;

export interface InputFile {
  name: string; // may be a path inside an archive or a folder
  bytes: Uint8Array;
}

/** A RealData plus what the import found: the files used, warnings, and the bytes it holds. */
export interface ImportedData extends RealData {
  sources: string[]; // file names actually used
  warnings: string[]; // ignored files, missing batches, held-out test split
  residentBytes: number; // bytes held by train + test images and labels
}

export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Bag',
  'Sneaker',
  'Ankle boot',
];

const MAX_NESTING = 4; // .tar.gz inside a .tar.gz is plausible; deeper is not a data set
const HELD_OUT_SEED = 1;
const HELD_OUT_MAX = 10_000;
const IDX_NAME = /^(train|t10k)-(images|labels)(?:[-.]idx[13]-ubyte)?$/i;
const CIFAR_BATCH_NAME = /^data_batch_([1-5])\.bin$/i;
const IDX_ROLES = {
  'train-images': 'train-images-idx3-ubyte',
  'train-labels': 'train-labels-idx1-ubyte',
  't10k-images': 't10k-images-idx3-ubyte',
  't10k-labels': 't10k-labels-idx1-ubyte',
};
type IdxRole = keyof typeof IDX_ROLES;

interface Found {
  idx: Map<IdxRole, InputFile>;
  batches: Map<number, InputFile>;
  cifarTest?: InputFile;
  cifarMeta?: InputFile;
  warnings: string[];
}

interface Built {
  id: RealDatasetId;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  train: Split;
  test: Split;
  summary: string;
  sources: string[];
}

export async function importFiles(
  files: InputFile[],
  opts: { idxAs?: 'mnist' | 'fashion-mnist' } = {},
): Promise<ImportedData> {
  if (files.length === 0) throw new DataFormatError('', 'no files were given');
  const expanded: InputFile[] = [];
  for (const f of files) await expand(f, expanded, 0);
  const found = identify(expanded);
  const idxCount = found.idx.size;
  const cifarCount = found.batches.size + (found.cifarTest ? 1 : 0) + (found.cifarMeta ? 1 : 0);
  if (idxCount === 0 && cifarCount === 0) {
    const names = expanded.length > 0 ? expanded.map((f) => f.name) : files.map((f) => f.name);
    throw new DataFormatError('', `no MNIST/Fashion-MNIST idx or CIFAR-10 binary files found in: ${listNames(names)}`);
  }
  if (idxCount > 0 && cifarCount > 0) {
    throw new DataFormatError(
      '',
      `the selection mixes MNIST-style idx files (${listNames([...found.idx.values()].map((f) => f.name))}) and ` +
        `CIFAR-10 files (${listNames(cifarFiles(found).map((f) => f.name))}); import one data set at a time`,
    );
  }
  const warnings = found.warnings;
  const built = idxCount > 0 ? buildIdx(found, opts.idxAs, warnings) : buildCifar(found, warnings);
  const train = compact(built.train);
  const test = compact(built.test);
  const residentBytes =
    train.images.byteLength + train.labels.byteLength + test.images.byteLength + test.labels.byteLength;
  return { ...built, train, test, warnings, residentBytes };
}

async function expand(f: InputFile, out: InputFile[], depth: number): Promise<void> {
  if (depth < MAX_NESTING && isGzip(f.bytes)) {
    // Keep the .gz name: it is the name the user knows, so errors about the content should use it.
    return expand({ name: f.name, bytes: await gunzip(f.bytes, f.name) }, out, depth + 1);
  }
  if (depth < MAX_NESTING && isTar(f.bytes)) {
    for (const e of untar(f.bytes, f.name))
      await expand({ name: `${f.name}/${e.name}`, bytes: e.bytes }, out, depth + 1);
    return;
  }
  out.push(f);
}

function identify(files: InputFile[]): Found {
  const found: Found = { idx: new Map(), batches: new Map(), warnings: [] };
  const ignored: string[] = [];
  for (const f of files) {
    const base = (f.name.split(/[/\\]/).pop() ?? '').replace(/\.gz$/i, '');
    const idx = IDX_NAME.exec(base);
    const batch = CIFAR_BATCH_NAME.exec(base);
    if (idx) claim(found.idx, `${idx[1].toLowerCase()}-${idx[2].toLowerCase()}` as IdxRole, f, found.warnings);
    else if (batch) claim(found.batches, Number(batch[1]), f, found.warnings);
    else if (/^test_batch\.bin$/i.test(base)) found.cifarTest = claimOne(found.cifarTest, f, found.warnings);
    else if (/^batches\.meta\.txt$/i.test(base)) found.cifarMeta = claimOne(found.cifarMeta, f, found.warnings);
    else ignored.push(f.name);
  }
  if (ignored.length > 0) {
    found.warnings.unshift(
      `ignored ${listNames(ignored)}: not recognised as MNIST/Fashion-MNIST idx or CIFAR-10 binary files`,
    );
  }
  return found;
}

function claim<K>(map: Map<K, InputFile>, key: K, f: InputFile, warnings: string[]): void {
  map.set(key, claimOne(map.get(key), f, warnings));
}

/** The same file twice (say, both the .gz and its extracted copy) is fine; two different versions are not. */
function claimOne(prev: InputFile | undefined, f: InputFile, warnings: string[]): InputFile {
  if (!prev) return f;
  if (!sameBytes(prev.bytes, f.bytes)) {
    throw new DataFormatError('', `${prev.name} and ${f.name} are different versions of the same file; keep one`);
  }
  warnings.push(`ignored ${f.name}: same content as ${prev.name}`);
  return prev;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function cifarFiles(found: Found): InputFile[] {
  const batches = [...found.batches.entries()].sort((a, b) => a[0] - b[0]).map(([, f]) => f);
  return [...batches, ...(found.cifarTest ? [found.cifarTest] : []), ...(found.cifarMeta ? [found.cifarMeta] : [])];
}

function buildIdx(found: Found, idxAs: 'mnist' | 'fashion-mnist' | undefined, warnings: string[]): Built {
  const get = (role: IdxRole) => found.idx.get(role);
  const all = [...found.idx.values()];
  const id = idxAs ?? (all.some((f) => /fashion/i.test(f.name)) ? 'fashion-mnist' : 'mnist');
  const setName = id === 'mnist' ? 'MNIST' : 'Fashion-MNIST';
  const trainImages = get('train-images');
  const trainLabels = get('train-labels');
  if (!trainImages || !trainLabels) {
    const missing = !trainImages ? 'training images' : 'training labels';
    throw new DataFormatError(
      '',
      `no ${missing} among the files found (${listNames(all.map((f) => f.name))}); ${setName} needs ` +
        `${IDX_ROLES['train-images']} and ${IDX_ROLES['train-labels']}`,
    );
  }
  const train = idxPair(trainImages, trainLabels);
  const sources = [trainImages.name, trainLabels.name];
  const testImages = get('t10k-images');
  const testLabels = get('t10k-labels');
  let test: Split;
  let trainSplit = train.split;
  let heldOut = false;
  if (testImages && testLabels) {
    const t = idxPair(testImages, testLabels);
    if (t.height !== train.height || t.width !== train.width) {
      throw new DataFormatError(
        testImages.name,
        `has images of ${t.height}×${t.width} but ${trainImages.name} has ${train.height}×${train.width}`,
      );
    }
    test = t.split;
    sources.push(testImages.name, testLabels.name);
  } else if (testImages || testLabels) {
    const [have, lacking] = testImages
      ? [testImages.name, IDX_ROLES['t10k-labels']]
      : [testLabels!.name, IDX_ROLES['t10k-images']];
    throw new DataFormatError(have, `found without its partner ${lacking}; add it or leave both test files out`);
  } else {
    ({ train: trainSplit, test } = holdOut(train.split, trainImages.name, train.height * train.width, warnings));
    heldOut = true;
  }
  return {
    id,
    height: train.height,
    width: train.width,
    channels: 1,
    classNames: id === 'mnist' ? MNIST_CLASSES : FASHION_MNIST_CLASSES,
    train: trainSplit,
    test,
    summary: `${fmtInt(trainSplit.count)} training images, ${testSummary(test, heldOut)}`,
    sources,
  };
}

function idxPair(imagesFile: InputFile, labelsFile: InputFile) {
  const img = parseIdxImages(imagesFile.bytes, imagesFile.name);
  if (img.count === 0) throw new DataFormatError(imagesFile.name, 'header says the file holds 0 images');
  const labels = parseIdxLabels(labelsFile.bytes, labelsFile.name);
  if (img.count !== labels.length) {
    throw new DataFormatError(
      imagesFile.name,
      `has ${fmtInt(img.count)} images but ${labelsFile.name} has ${fmtInt(labels.length)} labels`,
    );
  }
  const split: Split = { images: img.pixels, labels, count: img.count };
  return { height: img.height, width: img.width, split };
}

function buildCifar(found: Found, warnings: string[]): Built {
  const numbers = [...found.batches.keys()].sort((a, b) => a - b);
  if (numbers.length === 0) {
    throw new DataFormatError(
      '',
      `no training files among the CIFAR-10 files found (${listNames(cifarFiles(found).map((f) => f.name))}); ` +
        'CIFAR-10 needs at least one of data_batch_1.bin to data_batch_5.bin',
    );
  }
  const batchFiles = numbers.map((n) => found.batches.get(n)!);
  // Size one buffer for all batches first, so that 50,000 images are not held twice while concatenating.
  const counts = batchFiles.map((f) => cifarRecordCount(f.bytes, f.name));
  const total = counts.reduce((a, b) => a + b, 0);
  let train: Split = { images: new Uint8Array(total * CIFAR_IMAGE), labels: new Uint8Array(total), count: total };
  let at = 0;
  batchFiles.forEach((f, i) => {
    decodeCifarInto(f.bytes, f.name, train.images, train.labels, at);
    at += counts[i];
  });
  const missing = [1, 2, 3, 4, 5].filter((n) => !found.batches.has(n)).map((n) => `data_batch_${n}.bin`);
  if (missing.length > 0) warnings.push(`missing ${missing.join(', ')}: training on ${numbers.length} of 5 batches`);
  const sources = batchFiles.map((f) => f.name);
  let test: Split;
  let heldOut = false;
  if (found.cifarTest) {
    test = parseCifarBatch(found.cifarTest.bytes, found.cifarTest.name);
    sources.push(found.cifarTest.name);
  } else {
    ({ train, test } = holdOut(train, batchFiles[0].name, CIFAR_IMAGE, warnings));
    heldOut = true;
  }
  let classNames = CIFAR10_CLASSES;
  if (found.cifarMeta) {
    classNames = parseCifarMeta(new TextDecoder().decode(found.cifarMeta.bytes), found.cifarMeta.name);
    sources.push(found.cifarMeta.name);
  }
  return {
    id: 'cifar-10',
    height: 32,
    width: 32,
    channels: 3,
    classNames,
    train,
    test,
    summary:
      `${fmtInt(train.count)} training images from ${numbers.length} of 5 batches, ` + testSummary(test, heldOut),
    sources,
  };
}

/** No test files: hold out a seeded, class-stratified sixth of the training images (at most 10,000). */
function holdOut(all: Split, file: string, imageBytes: number, warnings: string[]): { train: Split; test: Split } {
  const testSize = Math.min(HELD_OUT_MAX, Math.floor(all.count / 6));
  if (testSize < 1) {
    throw new DataFormatError(
      file,
      `only ${all.count} training images and no test files: too few to hold out a test set`,
    );
  }
  warnings.push(
    `no test files: held out ${fmtInt(testSize)} of the ${fmtInt(all.count)} training images as the test set`,
  );
  return stratifiedSplit(all, imageBytes, 10, all.count - testSize, testSize, HELD_OUT_SEED);
}

function testSummary(test: Split, heldOut: boolean): string {
  return `${fmtInt(test.count)} test images${heldOut ? ' held out from the training files' : ''}`;
}

/** Views into a much larger buffer (an archive) would keep all of it alive: copy those out. */
function compact(s: Split): Split {
  const tight = (a: Uint8Array) => (a.buffer.byteLength - a.byteLength > 65_536 ? a.slice() : a);
  return { images: tight(s.images), labels: tight(s.labels), count: s.count };
}

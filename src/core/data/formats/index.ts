// Parsers for the official data set files (MNIST/Fashion-MNIST idx, CIFAR-10 binary, gzip, tar).
// Framework-free: they run in a Web Worker and in Node.
export { DataFormatError } from './errors';
export { gunzip, isGzip } from './gzip';
export { isTar, untar, type TarEntry } from './tar';
export { parseIdxImages, parseIdxLabels, type IdxImages } from './idx';
export { CIFAR10_CLASSES, parseCifarBatch, parseCifarMeta, type CifarBatch } from './cifar';
export {
  FASHION_MNIST_CLASSES,
  MNIST_CLASSES,
  importFiles,
  type ImportedData,
  type InputFile,
  type RealDatasetId,
} from './importFiles';

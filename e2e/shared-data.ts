// The development copies of the real data sets (../shared/data, never committed): e2e tests that need them
// skip with a clear message where the folder is absent.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED_DATA = resolve(process.cwd(), '..', 'shared', 'data');
export const CIFAR_SUBSET = resolve(SHARED_DATA, 'cifar-10-binary-subset.tar.gz');
export const hasCifarSubset = existsSync(CIFAR_SUBSET);
export const NO_CIFAR = `${CIFAR_SUBSET} is absent: real-data e2e tests skipped`;

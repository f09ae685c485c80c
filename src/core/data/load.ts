// Builds the Dataset a config asks for. Bytes come from the caller (fetch or IndexedDB in the worker, fs in
// Node) so this module stays free of I/O.
import type { DataSpec, RealDatasetName } from '../config/schema';
import { mnist10kDataset } from './mnist10k';
import { realDataset, type RealData } from './real';
import { syntheticDataset } from './synthetic';
import type { Dataset } from './types';

export type AssetLoader = (file: string) => Promise<Uint8Array>;
export type RealDataLoader = (id: RealDatasetName) => Promise<RealData>;

const noRealData: RealDataLoader = (id) =>
  Promise.reject(new Error(`${id} is not available here: import its files or prepare them (npm run data:prepare)`));

export async function loadDataset(
  spec: DataSpec,
  seed: number,
  loadAsset: AssetLoader,
  loadReal: RealDataLoader = noRealData,
): Promise<Dataset> {
  switch (spec.dataset) {
    case 'mnist-10k':
      return mnist10kDataset(await loadAsset('mnist-10k.bin'), spec.trainSize, spec.testSize, seed);
    case 'synthetic':
      return syntheticDataset({ ...spec, seed });
    case 'mnist':
    case 'fashion-mnist':
    case 'cifar-10':
      return realDataset(await loadReal(spec.dataset), spec, seed);
  }
}

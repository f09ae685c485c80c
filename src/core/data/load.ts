// Builds the Dataset a config asks for. The embedded asset's bytes come from the caller (fetch in the
// worker, fs in Node) so this module stays free of I/O.
import type { DataSpec } from '../config/schema';
import { mnist10kDataset } from './mnist10k';
import { syntheticDataset } from './synthetic';
import type { Dataset } from './types';

export type AssetLoader = (file: string) => Promise<Uint8Array>;

export async function loadDataset(spec: DataSpec, seed: number, loadAsset: AssetLoader): Promise<Dataset> {
  switch (spec.dataset) {
    case 'mnist-10k':
      return mnist10kDataset(await loadAsset('mnist-10k.bin'), spec.trainSize, spec.testSize, seed);
    case 'synthetic':
      return syntheticDataset({ ...spec, seed });
  }
}

// What the form needs to know per data set: its label, size limits (mirroring the schema's caps) and the sizes
// a switch to it starts with (datasetPreset), so the fields can show the right range and default.
import { datasetPreset, defaultConfig } from '../../../core/config/defaults';
import { REAL_DATASETS, type DataSpec, type RealDatasetName } from '../../../core/config/schema';

export type DatasetId = DataSpec['dataset'];

export const DATASET_LABELS: Record<DatasetId, string> = {
  'mnist-10k': 'MNIST (10k embedded digits)',
  synthetic: 'Synthetic (seeded, tiny)',
  mnist: 'MNIST',
  'fashion-mnist': 'Fashion-MNIST',
  'cifar-10': 'CIFAR-10',
};

export const DATASET_IDS = Object.keys(DATASET_LABELS) as DatasetId[];

/** The schema's bounds for trainSize / testSize (src/core/config/schema.ts). */
export const SIZE_LIMITS: Record<DatasetId, { min: number; train: number; test: number }> = {
  'mnist-10k': { min: 100, train: 9000, test: 5000 },
  synthetic: { min: 10, train: 20000, test: 5000 },
  mnist: { min: 100, train: 60000, test: 10000 },
  'fashion-mnist': { min: 100, train: 60000, test: 10000 },
  'cifar-10': { min: 100, train: 50000, test: 10000 },
};

const BASE = defaultConfig();
/** The data spec a switch to each data set starts from: the "default" the fields show. */
export const PRESET_DATA = Object.fromEntries(DATASET_IDS.map((id) => [id, datasetPreset(id, BASE).data])) as Record<
  DatasetId,
  DataSpec
>;

export const isRealDataset = (d: DatasetId): d is RealDatasetName => (REAL_DATASETS as readonly string[]).includes(d);

// Adversarial attacks and robust-accuracy evaluation (docs/design.md §1, Evaluation).
export * from './types';
export { fgsm } from './fgsm';
export { pgd, type PgdHooks } from './pgd';
export { attack } from './attack';
export { perExampleCe } from './objective';
export {
  robustAccuracy,
  epsSweep,
  transfer,
  type AttackStats,
  type RobustAccuracy,
  type EpsSweep,
  type SweepPoint,
} from './evaluate';
export { craftGallery, type GalleryItem, type Prediction } from './gallery';
export type { ModelSet, Progress, RunOptions } from './loop';
export { evalSubset, pgdOf } from './subset';

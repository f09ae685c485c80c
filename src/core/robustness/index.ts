// Natural robustness: CIFAR-10-C-style corruptions and accuracy under them (docs/design.md §1, Evaluation).
export * from './corruptions';
export {
  corruptionAccuracy,
  type CorruptionAccuracy,
  type CorruptionModelResult,
  type CorruptionOptions,
} from './evaluate';

// Study mode (docs/design.md §1, Evaluation): repeat a config over seeds (and one swept hyperparameter), compare each
// model with its reference paired by seed, judge the paper's claims. Pure: shared by the worker and the CLI.
export * from './spec';
export * from './plan';
export * from './stats';
export * from './references';
export * from './aggregate';
export * from './claims';
export * from './text';
export * from './csv';
export * from './outcome';
export * from './estimate';
export * from './robust';

// WGSL training kernels for tfjs-backend-webgpu: candidates beside tfjs's stock kernels (same signatures
// as the ops in ../ops), for an on-device autotuner to time and pick per shape.
export { convFilterGradWgsl, convInputGradWgsl } from './conv';
export { bnStatsWgsl, bnBackwardWgsl, bnReluWgsl } from './bn';
export { biasGradWgsl } from './bias';
export { countDispatches } from './dispatches';
export type { GemmOpts } from './gemm';
export type { ColOpts } from './colsum';
export { sgdMomentumStepWgsl, adamStepWgsl, type AdamHyper } from './optim';

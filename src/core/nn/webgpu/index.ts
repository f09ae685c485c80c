// WGSL training kernels for tfjs-backend-webgpu. register.ts makes the conv gradients and batch norm 'wgsl'
// candidates of the training ops for the on-device autotuner; the optimisers' updates (train/fused*.ts) and the
// batch-norm running statistics (ops/batchnorm.ts) use theirs by rule. Every function needs the webgpu backend
// (throws otherwise), runs inside the caller's tidy, takes NHWC / HWIO tensors with TensorFlow 'same' padding,
// and ends with an optional tuning argument (GemmOpts / ColOpts; the shape picks a default). Programs per call
// (countDispatches): conv dW 1, +1 when split over K; conv dX 1, +1 when split (stride 2 runs its four parity
// classes in that one dispatch); bnStats 3; bnAffine 2; bnBackward and bnReluBackward 4; biasGrad 1, +1 over more
// than one row chunk; bnRelu 1; running statistics 2; SGD step 2; Adam step 3.
// Check against stock: ./check.ts (Node: kernels.webgpu.ts; browser: e2e/wgsl.spec.ts); timings: bench/kernels.ts.
export { convFilterGradWgsl, convInputGradWgsl, type ConvInputOpts } from './conv';
export { bnStatsWgsl, bnBackwardWgsl, bnReluWgsl, bnReluBackwardWgsl, bnAffineWgsl } from './bn';
export { biasGradWgsl } from './bias';
export { sgdMomentumStepWgsl, adamStepWgsl, type AdamHyper } from './optim';
export { countDispatches } from './dispatches';
// The plans behind the defaults, so a tuner can enumerate neighbouring options.
export { gemmPlan, chooseSplits, type GemmOpts } from './gemm';
export { colPlan, type ColOpts } from './colsum';
// Stock counterparts with the same signatures, for timing pairs.
export * from './stock';

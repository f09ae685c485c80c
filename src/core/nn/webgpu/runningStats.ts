// Batch norm's running-statistics update in WGSL: running' = running·(1 − m) + (batch·s)·m, s = 1 for the mean and
// n/(n − 1) for the variance (unbiased, as PyTorch), one dispatch each instead of tfjs's 3 and 4. The same float32
// operations in the same order as ops/batchnorm.ts's tfjs form. Every batch-norm layer runs it once per training
// step: 13 layers in WRN-16-2, 65 fewer dispatches a step.
import type * as tf from '@tensorflow/tfjs-core';
import { MAIN, WG, flatDispatch, runProgram, webgpuBackend } from './program';

const f32s = (xs: number[]) => xs.map((x) => ({ type: 'float32' as const, data: [x] }));

function update(run: tf.Tensor1D, batch: tf.Tensor1D, keep: number, scale: number, m: number): tf.Tensor1D {
  if (run.size !== batch.size) throw new Error(`runningStatsWgsl: sizes differ (${run.size} vs ${batch.size})`);
  return runProgram(
    webgpuBackend('runningStatsWgsl'),
    {
      key: `bn_running${scale === 1 ? '' : '_scaled'}`,
      inputs: ['run', 'batch'],
      outputShape: run.shape,
      dispatch: flatDispatch(run.size),
      size: true,
      uniforms: 'keep : f32, scale : f32, m : f32,',
      uniformData: f32s([keep, scale, m]),
      // The mean's update multiplies by no scale at all, as the tfjs form does (x·1 is exact anyway).
      code: `
  ${MAIN} {
    for (var i = i32(workgroupId.x) * ${WG} + i32(localId.x); i < uniforms.size; i += i32(numWorkgroups.x) * ${WG}) {
      let b = ${scale === 1 ? 'batch[i]' : 'batch[i] * uniforms.scale'};
      result[i] = run[i] * uniforms.keep + b * uniforms.m;
    }
  }`,
    },
    [run, batch],
  ) as tf.Tensor1D;
}

/** The new running mean and variance (the caller assigns them); n: the rows N·H·W the batch statistics came from. */
export function runningStatsWgsl(
  runMean: tf.Tensor1D,
  runVar: tf.Tensor1D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  n: number,
  momentum: number,
): { mean: tf.Tensor1D; variance: tf.Tensor1D } {
  return {
    mean: update(runMean, mean, 1 - momentum, 1, momentum),
    variance: update(runVar, variance, 1 - momentum, n / Math.max(n - 1, 1), momentum),
  };
}

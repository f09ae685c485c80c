// Loss terms, exactly as docs/design.md §1 defines them.
import * as tf from '@tensorflow/tfjs-core';

/** Mean over the batch of −Σ_k y_k log softmax(z)_k. */
export function crossEntropy(yOneHot: tf.Tensor2D, logits: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(yOneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
}

/** T²·KL(softmax(t/T) ‖ softmax(s/T)), KL summed over classes and averaged over the batch ("batchmean"). */
export function distillation(teacherLogits: tf.Tensor2D, studentLogits: tf.Tensor2D, T: number): tf.Scalar {
  const logPt = tf.logSoftmax(tf.div(teacherLogits, T));
  const logPs = tf.logSoftmax(tf.div(studentLogits, T));
  const kl = tf.sum(tf.mul(tf.exp(logPt), tf.sub(logPt, logPs)), 1);
  return tf.mul(tf.mean(kl), T * T);
}

/** (1−α)·CE + α·T²·KL. */
export function kdLoss(
  yOneHot: tf.Tensor2D,
  ceLogits: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  studentLogits: tf.Tensor2D,
  T: number,
  alpha: number,
): tf.Scalar {
  const ce = crossEntropy(yOneHot, ceLogits);
  const kd = distillation(teacherLogits, studentLogits, T);
  return tf.add(tf.mul(ce, 1 - alpha), tf.mul(kd, alpha));
}

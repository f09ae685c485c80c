// Clean loss and accuracy on the true labels in inference mode (no dropout, no noise), accumulated on the device
// and read once: of the test set, or of given images of a split (the training subset of cleanTrain.ts).
import * as tf from '@tensorflow/tfjs-core';
import { hostBatch, oneHot, range } from '../data/batches';
import type { Dataset, Split } from '../data/types';
import { crossEntropy } from '../methods/losses';
import { INFERENCE, type Model } from '../nn/model';
import { StoppedError, yieldToEventLoop, type RunControl } from './control';

export async function evaluate(
  model: Model,
  d: Dataset,
  split: Split,
  batchSize = 250,
  /** Given: Stop acts at batch boundaries (on wasm/cpu the loop would otherwise hold the worker throughout). */
  control?: RunControl,
  /** The images of `split` to evaluate (default: all of them). */
  indices: ArrayLike<number> = range(split.count),
): Promise<{ loss: number; acc: number }> {
  const count = indices.length;
  let lossSum = tf.scalar(0);
  let correct = tf.scalar(0);
  for (let start = 0; start < count; start += batchSize) {
    if (control && start > 0) {
      await yieldToEventLoop(); // lets a queued "stop" message run
      if (control.isStopped) {
        tf.dispose([lossSum, correct]);
        throw new StoppedError();
      }
    }
    const n = Math.min(batchSize, count - start);
    const b = hostBatch(split, indices, start, n, d);
    const [l, c] = tf.tidy(() => {
      const x = tf.tensor4d(b.x, [n, d.height, d.width, d.channels]);
      const logits = model.apply(x, INFERENCE);
      const y = tf.tensor2d(oneHot(b.y, d.numClasses), [n, d.numClasses]);
      const hits = tf.sum(
        tf.cast(tf.equal(tf.argMax(logits, 1), tf.tensor1d(Int32Array.from(b.y), 'int32')), 'float32'),
      );
      return [tf.add(lossSum, tf.mul(crossEntropy(y, logits), n)), tf.add(correct, hits)];
    });
    lossSum.dispose();
    correct.dispose();
    lossSum = l as tf.Scalar;
    correct = c as tf.Scalar;
  }
  const [ls, cs] = await Promise.all([lossSum.data(), correct.data()]);
  tf.dispose([lossSum, correct]);
  return { loss: ls[0] / count, acc: cs[0] / count };
}

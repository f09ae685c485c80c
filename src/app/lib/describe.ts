// Architecture summaries for the form (describeModel lives in core, tfjs-free).
import type { ModelSpec } from '../../core/config/schema';

export { describeModel } from '../../core/nn/paramCount';

/** A longer plain-words version for the form. */
export function explainModel(spec: ModelSpec): string {
  return spec.family === 'cnn'
    ? `two 3×3 conv layers (${spec.channels[0]} and ${spec.channels[1]} channels, ReLU, 2×2 max-pool), ` +
        `a ${spec.hidden}-unit dense layer${spec.dropout ? ` with dropout ${spec.dropout}` : ''}, then 10 logits`
    : `wide residual network, depth ${spec.depth}, widen factor ${spec.widen}` +
        (spec.dropout ? `, dropout ${spec.dropout} inside each block` : '');
}

import type { ModelSpec } from '../config/schema';
import type { Rng } from '../train/rng';
import { buildCnn } from './cnn';
import type { InputInfo, Model } from './model';
import { buildWrn } from './wrn';

export function buildModel(spec: ModelSpec, input: InputInfo, rng: Rng): Model {
  return spec.family === 'cnn' ? buildCnn(spec, input, rng) : buildWrn(spec, input, rng);
}

export function describeModel(spec: ModelSpec): string {
  return spec.family === 'cnn'
    ? `CNN ${spec.channels.join('-')}-${spec.hidden}${spec.dropout ? `, dropout ${spec.dropout}` : ''}`
    : `WRN-${spec.depth}-${spec.widen}${spec.dropout ? `, dropout ${spec.dropout}` : ''}`;
}

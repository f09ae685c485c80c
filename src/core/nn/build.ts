import type { ModelSpec } from '../config/schema';
import type { Rng } from '../rng';
import { buildCnn } from './cnn';
import type { InputInfo, Model } from './model';
import { buildWrn } from './wrn';

export function buildModel(spec: ModelSpec, input: InputInfo, rng: Rng): Model {
  return spec.family === 'cnn' ? buildCnn(spec, input, rng) : buildWrn(spec, input, rng);
}

export { describeModel } from './paramCount';

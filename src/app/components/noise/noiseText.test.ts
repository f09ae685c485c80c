// The noise panel's words: percentages, text alternatives, one sentence per noise source.
import { describe, expect, it } from 'vitest';
import type { NoiseView } from '../../../worker/protocol';
import { noisyText, pct, predictionText, rangeText, sourcesText, whereText } from './noiseText';

const names = Array.from({ length: 10 }, (_, i) => String(i));
const view = (over: Partial<NoiseView>): NoiseView => ({
  modelId: 'student-1',
  label: 'S1',
  kind: 'student',
  epoch: 0,
  step: 3,
  stepsPerEpoch: 16,
  shape: [2, 2, 1],
  classNames: names,
  trueLabel: 7,
  labelNoise: 0,
  teacherLabelNoise: 0,
  flips: null,
  clean: new Uint8Array(4),
  input: null,
  targets: null,
  spread: null,
  prediction: null,
  ...over,
});

describe('noise panel text', () => {
  it('percentages and the prediction alternative', () => {
    expect(pct(0.944)).toBe('94 %');
    expect(pct(0.001)).toBe('<1 %');
    expect(pct(0)).toBe('0 %');
    expect(pct(1)).toBe('100 %');
    expect(rangeText(0.091, 0.12)).toBe('9–12 %');
    expect(predictionText(names, 7, { predicted: 7, confidence: 0.94 })).toBe('true 7, predicted 7 (94 %)');
    expect(whereText(view({}))).toBe('epoch 1, step 3 of 16');
    expect(whereText(view({ step: 0 }))).toBe('starting');
  });

  it('one sentence per noise source', () => {
    expect(sourcesText(view({}))).toEqual(['No noise source: this model trains on clean images and true labels.']);
    const input = {
      mode: 'soft-randomization' as const,
      sigma: 0.3,
      clip: true,
      noisy: new Uint8Array(4),
      meanAbsChange: 0.2,
    };
    const sr = sourcesText(view({ input, targets: { temperature: 4, probs: [] } }));
    expect(sr[0]).toMatch(/σ = 0.3, clipped to \[0, 1\]; its teacher sees the clean image/);
    expect(sr[1]).toMatch(/soft targets at T = 4/);
    const spread = { temperature: 2, masks: 8, mean: [], min: [], max: [] };
    expect(sourcesText(view({ spread }))).toEqual([expect.stringMatching(/^Fickle teacher.*T = 2/)]);
    expect(sourcesText(view({ labelNoise: 0.5 }))[0]).toMatch(/r = 0.5 \(about 45 % of labels change\)/);
    expect(sourcesText(view({ teacherLabelNoise: 0.3, targets: { temperature: 4, probs: [] } }))[1]).toMatch(
      /teacher was trained on labels corrupted with r = 0.3/,
    );
    expect(noisyText(view({ input }))).toMatch(/σ = 0.3: pixels change by 0.20 on average/);
  });
});

// The words of the noise panel and the prediction grid: percentages, what each noise source does, and the text
// alternatives of images, bars and predictions. Pure, so they are tested without a DOM.
import { effectiveFlipRate } from '../../../core/methods/labelNoise';
import type { Prediction } from '../../../core/train/noiseView';
import type { NoiseView } from '../../../worker/protocol';

/** "94 %", "<1 %", "100 %". */
export function pct(p: number): string {
  if (p > 0 && p < 0.005) return '<1 %';
  return `${Math.round(p * 100)} %`;
}

/** "9–12 %": a range of probabilities. */
export function rangeText(lo: number, hi: number): string {
  return `${pct(lo).replace(' %', '')}–${pct(hi)}`;
}

export const className = (names: string[], k: number): string => names[k] ?? String(k);

/** "true 7, predicted 7 (94 %)": a prediction cell's text alternative. */
export function predictionText(names: string[], trueLabel: number, p: Prediction): string {
  return `true ${className(names, trueLabel)}, predicted ${className(names, p.predicted)} (${pct(p.confidence)})`;
}

/** "epoch 2, step 5 of 16", or "starting" before the phase's first reported step. */
export function whereText(v: Pick<NoiseView, 'epoch' | 'step' | 'stepsPerEpoch'>): string {
  return v.step ? `epoch ${v.epoch + 1}, step ${v.step} of ${v.stepsPerEpoch}` : 'starting';
}

/** One plain sentence per noise source of the model in training (or one saying it has none). */
export function sourcesText(v: NoiseView): string[] {
  const out: string[] = [];
  const K = v.classNames.length;
  if (v.input) {
    const clip = v.input.clip ? ', clipped to [0, 1]' : '';
    out.push(
      v.input.mode === 'soft-randomization'
        ? `Input noise: the student sees the image plus Gaussian noise, x + σε with σ = ${v.input.sigma}${clip}; its teacher sees the clean image.`
        : `Input noise: the model trains on the image plus Gaussian noise, x + σε with σ = ${v.input.sigma}${clip}.`,
    );
  }
  if (v.spread)
    out.push(
      `Fickle teacher: its dropout stays on, so every query gets other soft targets (T = ${v.spread.temperature}).`,
    );
  else if (v.targets)
    out.push(`Distillation: the student matches the teacher's soft targets at T = ${v.targets.temperature}.`);
  if (v.labelNoise > 0)
    out.push(
      `Label noise: each label is replaced by a random class with probability r = ${v.labelNoise} (about ${pct(effectiveFlipRate(v.labelNoise, K))} of labels change).`,
    );
  if (v.teacherLabelNoise > 0) out.push(`Its teacher was trained on labels corrupted with r = ${v.teacherLabelNoise}.`);
  if (!out.length)
    out.push(
      v.kind === 'teacher'
        ? 'No noise source: the teacher trains on clean images and true labels.'
        : 'No noise source: this model trains on clean images and true labels.',
    );
  return out;
}

/** The noisy image's text alternative. */
export function noisyText(v: NoiseView): string {
  const i = v.input!;
  return `The same image plus Gaussian noise σ = ${i.sigma}: pixels change by ${i.meanAbsChange.toFixed(2)} on average (0–1 scale)`;
}

// Attack specifications as plain data (they cross the worker boundary and go into saved results as JSON).
// All attacks are L∞ in pixel units: inputs live in [0,1] and normalisation happens inside the models.
import type * as tf from '@tensorflow/tfjs-core';

/** Which class a targeted attack pushes towards. */
export type TargetMode =
  | { mode: 'fixed'; class: number }
  /** The class the model finds least likely on the clean input. */
  | { mode: 'least-likely' }
  /** (y + 1) mod K. */
  | { mode: 'next' };

/** Untargeted attacks maximise CE to the true label; targeted ones minimise CE to the target. */
export type Targeting = { targeted?: false } | { targeted: true; target: TargetMode };

export type FgsmSpec = { kind: 'fgsm'; eps: number } & Targeting;

export type PgdSpec = {
  kind: 'pgd';
  eps: number;
  stepSize: number;
  steps: number;
  /** Start from a uniform point in the ε-ball (seeded) instead of x. */
  randomStart: boolean;
} & Targeting;

export type AttackSpec = FgsmSpec | PgdSpec;

/** Labels of a batch: an int32 tensor or host values. */
export type Labels = tf.Tensor1D | ArrayLike<number>;

// Foolbox-style ε lists; ε = 0 is the clean accuracy.
export const EPS_GREY = [0, 0.05, 0.1, 0.15, 0.2, 0.3];
export const EPS_COLOUR = [0, 1, 2, 4, 8, 16].map((v) => v / 255);

interface ImageKind {
  channels: number;
}

/** MNIST-like (one channel) or 32×32 colour list. */
export function defaultEpsList(d: ImageKind): number[] {
  return d.channels === 1 ? [...EPS_GREY] : [...EPS_COLOUR];
}

/**
 * docs/design.md §1 defaults: colour ε = 8/255, step 2/255, 20 steps, random start; MNIST-like ε = 0.1 with the same
 * step/ε ratio (the literature's range is 0.1–0.3; 0.1 keeps small in-browser models informative).
 */
export function defaultPgd(d: ImageKind): PgdSpec {
  const eps = d.channels === 1 ? 0.1 : 8 / 255;
  return { kind: 'pgd', eps, stepSize: eps / 4, steps: 20, randomStart: true };
}

/** The same attack at another ε. PGD keeps its stepSize/ε ratio, so it is equally strong at every ε of a sweep. */
export function withEps<S extends AttackSpec>(spec: S, eps: number): S {
  if (spec.kind === 'fgsm' || spec.eps <= 0) return { ...spec, eps };
  return { ...spec, eps, stepSize: (spec.stepSize * eps) / spec.eps };
}

/** Throws with a field-named message on an impossible spec. */
export function checkAttack(spec: AttackSpec, numClasses: number): void {
  const bad = (m: string) => {
    throw new Error(`attack ${spec.kind}: ${m}`);
  };
  if (!(spec.eps >= 0 && spec.eps <= 1)) bad(`eps must be in [0, 1], got ${spec.eps}`);
  if (spec.kind === 'pgd') {
    if (!Number.isInteger(spec.steps) || spec.steps < 0) bad(`steps must be a non-negative integer, got ${spec.steps}`);
    if (!(spec.stepSize >= 0)) bad(`stepSize must be ≥ 0, got ${spec.stepSize}`);
  }
  if (spec.targeted && spec.target.mode === 'fixed') {
    const c = spec.target.class;
    if (!Number.isInteger(c) || c < 0 || c >= numClasses) bad(`target class must be in 0..${numClasses - 1}, got ${c}`);
  }
}

/** Short label for tables and charts, e.g. "PGD-20 ε=8/255 (rand)" or "FGSM ε=0.1 → next". */
export function attackLabel(spec: AttackSpec): string {
  const k = Math.round(spec.eps * 255);
  const eps =
    spec.eps > 0 && spec.eps < 0.2 && Math.abs(spec.eps * 255 - k) < 1e-6 ? `${k}/255` : `${+spec.eps.toFixed(4)}`;
  const name = spec.kind === 'fgsm' ? 'FGSM' : `PGD-${spec.steps}`;
  const start = spec.kind === 'pgd' && spec.randomStart ? ' (rand)' : '';
  const target = !spec.targeted
    ? ''
    : ` → ${spec.target.mode === 'fixed' ? `class ${spec.target.class}` : spec.target.mode}`;
  return `${name} ε=${eps}${start}${target}`;
}

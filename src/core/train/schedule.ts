import type { ExperimentConfig } from '../config/schema';

/** Learning rate at progress t ∈ [0,1) through a phase. 'step' divides by 10 at 50 % and 75 %. */
export function learningRateAt(schedule: ExperimentConfig['schedule'], base: number, t: number): number {
  switch (schedule) {
    case 'constant':
      return base;
    case 'cosine':
      return base * 0.5 * (1 + Math.cos(Math.PI * Math.min(Math.max(t, 0), 1)));
    case 'step':
      return base * (t >= 0.75 ? 0.01 : t >= 0.5 ? 0.1 : 1);
  }
}

// The words the step card and the run summary share: accuracies with one decimal, differences in points with a
// "level with" threshold, model names a class can read ("Hinton KD (S2)").

/** Under this many points of test accuracy two models are "level". */
export const LEVEL_POINTS = 0.05;

/** 0.9771 → "97.7 %". */
export const pctText = (x: number) => `${(x * 100).toFixed(1)} %`;

/** A training loss: two decimals, or two significant digits when it is tiny. */
export const lossText = (x: number) => (Math.abs(x) >= 0.01 ? x.toFixed(2) : x.toPrecision(2));

/** Points between two accuracies in [0, 1] (a − b), never shown as "0.0" when they are not level. */
export function pointsText(a: number, b: number): string {
  const d = Math.abs(a - b) * 100;
  return `${Math.max(0.1, Math.round(d * 10) / 10).toFixed(1)} points`;
}

export const isLevel = (a: number, b: number) => Math.abs(a - b) * 100 < LEVEL_POINTS;

/** "0.4 points above Hinton KD (S2)", "level with the teacher". */
export function relText(a: number, b: number, other: string): string {
  if (isLevel(a, b)) return `level with ${other}`;
  return `${pointsText(a, b)} ${a > b ? 'above' : 'below'} ${other}`;
}

/** "S2: Hinton KD" → "Hinton KD (S2)"; a teacher's label stays as it is. */
export function modelName(label: string): string {
  const m = /^(S\d+): (.*)$/.exec(label);
  return m ? `${m[2]} (${m[1]})` : label;
}

/** "S2" of "S2: Hinton KD", or the label itself. */
export const shortName = (label: string) => /^(S\d+):/.exec(label)?.[1] ?? label;

/** The first of `options` not said yet (then remembered), or null when every one was said. */
export function fresh(said: Set<string>, ...options: (string | null | undefined | false)[]): string | null {
  for (const o of options) {
    if (o && !said.has(o)) {
      said.add(o);
      return o;
    }
  }
  return null;
}

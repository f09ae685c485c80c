// ε in the units people quote: k/255 for colour images (CIFAR convention), plain [0,1] for grey ones (MNIST).
// The store and the worker always hold pixel units [0,1]; only the controls and labels convert.

export interface EpsUnits {
  colour: boolean;
  /** Slider range and step, in display units. */
  max: number;
  step: number;
  unit: string;
  toDisplay(eps: number): number;
  fromDisplay(v: number): number;
  /** Both representations, e.g. "8/255 = 0.0314" or "0.1 = 25.5/255". */
  both(eps: number): string;
  /** Short form for axes and table headers, in display units. */
  short(eps: number): string;
}

const trim = (v: number, digits: number) => String(+v.toFixed(digits));

export function epsUnits(channels: number): EpsUnits {
  if (channels >= 3)
    return {
      colour: true,
      max: 32,
      step: 1,
      unit: '/255',
      toDisplay: (e) => +(e * 255).toFixed(4),
      fromDisplay: (v) => v / 255,
      both: (e) => `${trim(e * 255, 2)}/255 = ${trim(e, 4)}`,
      short: (e) => trim(e * 255, 2),
    };
  return {
    colour: false,
    max: 0.5,
    step: 0.01,
    unit: '',
    toDisplay: (e) => e,
    fromDisplay: (v) => v,
    both: (e) => `${trim(e, 4)} = ${trim(e * 255, 1)}/255`,
    short: (e) => trim(e, 4),
  };
}

/** A typed ε list (display units, commas or spaces) in pixel units: sorted, unique, with 0; or an error. */
export function parseEpsList(text: string, u: EpsUnits): { list: number[] } | { error: string } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const values = parts.map(Number);
  const bad = parts.find((_, i) => !Number.isFinite(values[i]) || values[i] < 0);
  if (bad !== undefined) return { error: `"${bad}" is not a number ≥ 0` };
  const list = [...new Set([0, ...values.map((v) => u.fromDisplay(v))])].sort((a, b) => a - b);
  if (list[list.length - 1] > 1) return { error: 'ε must be at most 1 in pixel units (255/255)' };
  if (list.length > 12) return { error: 'at most 12 values of ε' };
  return { list };
}

export function formatEpsList(list: number[], u: EpsUnits): string {
  return list.map(u.short).join(', ');
}

// Diamond-square plasma fractal: the low-frequency "fog" layer of Hendrycks & Dietterich (a port of their
// plasma_fractal: toroidal wrap, wibble 100 divided by `decay` per octave, normalised to [0,1]).
import type { Rng } from '../rng';

/** size × size map (size a power of two), row-major, values in [0,1]. */
export function plasmaFractal(size: number, decay: number, rng: Rng): Float64Array {
  if (size < 2 || (size & (size - 1)) !== 0) throw new Error(`plasma map size must be a power of two ≥ 2, got ${size}`);
  const a = new Float64Array(size * size);
  const at = (r: number, c: number) => ((r + size) % size) * size + ((c + size) % size);
  let wibble = 100;
  const wibbled = (sum: number) => sum / 4 + wibble * wibble * (2 * rng.next() - 1);
  for (let step = size; step >= 2; step /= 2) {
    const h = step / 2;
    // Squares: each centre from its four corners.
    for (let r = 0; r < size; r += step)
      for (let c = 0; c < size; c += step)
        a[at(r + h, c + h)] = wibbled(
          a[at(r, c)] + a[at(r + step, c)] + a[at(r, c + step)] + a[at(r + step, c + step)],
        );
    // Diamonds: edge midpoints from the two corners and the two centres beside them.
    for (let r = 0; r < size; r += step)
      for (let c = 0; c < size; c += step) {
        a[at(r, c + h)] = wibbled(a[at(r + h, c + h)] + a[at(r - h, c + h)] + a[at(r, c)] + a[at(r, c + step)]);
        a[at(r + h, c)] = wibbled(a[at(r + h, c + h)] + a[at(r + h, c - h)] + a[at(r, c)] + a[at(r + step, c)]);
      }
    wibble /= decay;
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of a) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi - lo || 1;
  return a.map((v) => (v - lo) / span);
}

export function nextPowerOfTwo(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}

// Seeded random streams. Every source of randomness (init, shuffle, dropout, input noise, label corruption)
// has its own stream derived from (run seed, stream name, model id), so changing one method's noise never
// shifts another model's shuffling, and a run is reproducible from its seed alone.

/** mulberry32: tiny, fast, good enough for shuffles and per-step seeds. State is one uint32. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** Uniform uint32. */
  nextU32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }
  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** A seed for tfjs random ops: never 0 (tfjs ignores seed 0 in its normal generators). */
  seed(): number {
    return (this.nextU32() % 2147483646) + 1;
  }
  /** In-place Fisher–Yates shuffle. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
  get state(): number {
    return this.s;
  }
  set state(v: number) {
    this.s = v >>> 0;
  }
}

/** FNV-1a over a string, mixed with the run seed. */
function hash(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h || 1;
}

export type StreamName =
  'init' | 'shuffle' | 'dropout' | 'noise' | 'labels' | 'split' | 'data' | 'augment' | 'attack' | 'corruption';

export function stream(seed: number, name: StreamName, owner = ''): Rng {
  return new Rng(hash(seed, `${name}/${owner}`));
}

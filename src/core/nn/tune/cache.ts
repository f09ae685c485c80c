// Where tuning choices are remembered. Keyed by everything that can change which formulation is fastest: the
// backend, its adapter (a new GPU or driver tunes again), the tfjs version (kernels change), the op and its shape.
// Plain JSON records, so any key-value store holds them (in memory here; IndexedDB in src/storage/tuneCache.ts).

export interface TuneDevice {
  backend: string;
  adapter: string;
  tfjs: string;
}

export interface TuneRecord {
  op: string;
  shape: string;
  /** The candidate to use. */
  choice: string;
  /** Median ms of every candidate that was timed. */
  ms: Record<string, number>;
  /** The candidate the gain is measured against: 'stock' where the backend has it, else the prior rule's. */
  baseline: string;
  /** ms of the baseline / ms of the choice (1 when the baseline won). */
  gain: number;
  measuredAt: number;
}

export interface TuneCache {
  get(key: string): Promise<TuneRecord | undefined>;
  set(key: string, record: TuneRecord): Promise<void>;
}

export function tuneKey(d: TuneDevice, op: string, shape: string): string {
  return `${d.backend}|${d.adapter}|tfjs ${d.tfjs}|${op}|${shape}`;
}

export class MemoryTuneCache implements TuneCache {
  readonly records = new Map<string, TuneRecord>();
  async get(key: string): Promise<TuneRecord | undefined> {
    return this.records.get(key);
  }
  async set(key: string, record: TuneRecord): Promise<void> {
    this.records.set(key, record);
  }
}

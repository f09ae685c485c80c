// The batched loop shared by the attack and corruption evaluations: fixed batch shapes (the last batch is
// padded by repeating its last example, and padded rows are ignored), a progress callback, and a macrotask
// yield between batches so a worker can receive pause / stop messages.
import { hostBatch, type HostBatch } from '../data/batches';
import type { Dataset, Split } from '../data/types';
import type { Model } from '../nn/model';
import { StoppedError, yieldToEventLoop } from '../train/control';

export interface Progress {
  done: number;
  total: number;
}

export interface RunOptions {
  /** Examples per batch (default 100; capped at the subset size). */
  batchSize?: number;
  /** Seed of the random starts / corruption noise (default 1; never 0). */
  seed?: number;
  onProgress?: (p: Progress) => void;
  /** Checked between batches; stopping rejects with StoppedError. */
  shouldStop?: () => boolean;
  signal?: AbortSignal;
  /** Awaited between batches, e.g. `() => control.checkpoint()` (waits while paused, throws when stopped). */
  checkpoint?: () => Promise<void>;
}

/** Models by id: the trainer's Map or a plain record. */
export type ModelSet = ReadonlyMap<string, Model> | Readonly<Record<string, Model>>;

export function modelEntries(models: ModelSet): [string, Model][] {
  return models instanceof Map ? [...models.entries()] : Object.entries(models as Record<string, Model>);
}

export function seedOf(o: RunOptions): number {
  const s = o.seed ?? 1;
  if (!Number.isInteger(s) || s < 1) throw new Error(`seed must be a positive integer, got ${s}`);
  return s;
}

export function checkIndices(split: Split, indices: ArrayLike<number>): void {
  if (indices.length === 0) throw new Error('no examples selected');
  for (let i = 0; i < indices.length; i++) {
    const v = indices[i];
    if (!Number.isInteger(v) || v < 0 || v >= split.count)
      throw new Error(`example index ${v} outside 0..${split.count - 1}`);
  }
}

export function batchSizeOf(o: RunOptions, count: number): number {
  const b = o.batchSize ?? 100;
  if (!Number.isInteger(b) || b < 1) throw new Error(`batchSize must be a positive integer, got ${b}`);
  return Math.min(b, count);
}

/** Batch `start` of the subset, always `size` rows: the first `valid` are real, the rest repeat the last one. */
export function paddedBatch(
  d: Dataset,
  split: Split,
  indices: ArrayLike<number>,
  start: number,
  size: number,
): HostBatch & { valid: number } {
  const valid = Math.min(size, indices.length - start);
  const idx = Int32Array.from({ length: size }, (_, i) => indices[start + Math.min(i, valid - 1)]);
  return { ...hostBatch(split, idx, 0, size, d), valid };
}

/** Between batches: let queued messages run, then honour stop / pause. */
export async function betweenBatches(o: RunOptions): Promise<void> {
  await yieldToEventLoop();
  if (o.signal?.aborted || o.shouldStop?.()) throw new StoppedError();
  await o.checkpoint?.();
}

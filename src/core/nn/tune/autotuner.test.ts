// The autotuner on the real cpu backend: candidates that do real work of known relative cost (a chain of matMuls
// versus one), a counting cache, throwing and unavailable candidates, and the time bound.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../cli/nodeBackend';
import { MemoryTuneCache, tuneKey, type TuneDevice } from './cache';
import { Tuner, type Candidate, type TuneStatus } from './autotuner';

const device: TuneDevice = { backend: 'cpu', adapter: 'JavaScript', tfjs: tf.version_core };

/** x·w repeated `times` times: the cost grows with `times`. Counts its calls. */
function chain(name: string, times: number, calls: Map<string, number>, available = () => true): Candidate {
  return {
    name,
    available,
    run: (...args: unknown[]) => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      const [x, w] = args as [tf.Tensor2D, tf.Tensor2D];
      let y = x;
      for (let i = 0; i < times; i++) y = tf.matMul(y, w);
      return y;
    },
  };
}

function throwing(calls: Map<string, number>): Candidate {
  return {
    name: 'broken',
    available: () => true,
    run: () => {
      calls.set('broken', (calls.get('broken') ?? 0) + 1);
      throw new Error('no such kernel');
    },
  };
}

/** One recorded shape of op 'toy' (the real tensors, disposed here: the tuner keeps clones). */
function recordToy(t: Tuner, n = 64) {
  const x = tf.randomNormal([n, n], 0, 0.1, 'float32', 3) as tf.Tensor2D;
  const w = tf.randomNormal([n, n], 0, 0.1, 'float32', 4) as tf.Tensor2D;
  t.beginModel();
  t.record('toy', `x${n}`, [x, w], 'stock');
  tf.dispose([x, w]);
}

describe('Tuner', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('picks the faster candidate, records every candidate’s ms and the gain, and frees the clones', async () => {
    const before = tf.memory().numTensors;
    const calls = new Map<string, number>();
    const cands = [chain('stock', 12, calls), chain('fast', 1, calls)];
    const t = new Tuner(device, () => cands, new MemoryTuneCache(), { reps: 3 });
    recordToy(t);
    expect(t.choice('toy', 'x64')).toBeUndefined();
    const statuses: TuneStatus['state'][] = [];
    const [d] = await t.finishModel((s) => statuses.push(s.state));
    expect(statuses).toEqual(['tuning', 'done']);
    expect(t.choice('toy', 'x64')).toBe('fast');
    expect(d).toMatchObject({ op: 'toy', shape: 'x64', choice: 'fast', baseline: 'stock', cached: false });
    expect(Object.keys(d.ms).sort()).toEqual(['fast', 'stock']);
    expect(d.ms.fast).toBeLessThan(d.ms.stock);
    expect(d.gain).toBeCloseTo(d.ms.stock / d.ms.fast, 6);
    expect(d.gain).toBeGreaterThan(2);
    expect(calls.get('stock')).toBe(4); // warm-up + 3
    expect(calls.get('fast')).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps stock when it is the fastest (never slower than stock)', async () => {
    const calls = new Map<string, number>();
    const cands = [chain('stock', 1, calls), chain('slow', 12, calls)];
    const t = new Tuner(device, () => cands, new MemoryTuneCache(), { reps: 3 });
    recordToy(t);
    const [d] = await t.finishModel();
    expect(d.choice).toBe('stock');
    expect(d.gain).toBe(1);
  });

  it('a cache hit skips timing entirely (no candidate runs), for another tuner with the same cache', async () => {
    const cache = new MemoryTuneCache();
    const calls = new Map<string, number>();
    const cands = [chain('stock', 12, calls), chain('fast', 1, calls)];
    const first = new Tuner(device, () => cands, cache, { reps: 2 });
    recordToy(first);
    await first.finishModel();
    expect(cache.records.has(tuneKey(device, 'toy', 'x64'))).toBe(true);
    calls.clear();
    const second = new Tuner(device, () => cands, cache, { reps: 2 });
    recordToy(second);
    const statuses: TuneStatus['state'][] = [];
    const [d] = await second.finishModel((s) => statuses.push(s.state));
    expect(calls.size).toBe(0);
    expect(statuses).toEqual(['done']); // no 'tuning for this device' status
    expect(d).toMatchObject({ choice: 'fast', cached: true });
    expect(second.choice('toy', 'x64')).toBe('fast');
  });

  it('the cache key holds backend, adapter, tfjs version, op and shape: another device times again', async () => {
    const keys = new Set([
      tuneKey(device, 'toy', 'x64'),
      tuneKey({ ...device, backend: 'wasm' }, 'toy', 'x64'),
      tuneKey({ ...device, adapter: 'NVIDIA H200' }, 'toy', 'x64'),
      tuneKey({ ...device, tfjs: '9.9.9' }, 'toy', 'x64'),
      tuneKey(device, 'other', 'x64'),
      tuneKey(device, 'toy', 'x32'),
    ]);
    expect(keys.size).toBe(6);
    const cache = new MemoryTuneCache();
    const calls = new Map<string, number>();
    const cands = [chain('stock', 4, calls), chain('fast', 1, calls)];
    const a = new Tuner(device, () => cands, cache, { reps: 1 });
    recordToy(a);
    await a.finishModel();
    calls.clear();
    const b = new Tuner({ ...device, adapter: 'another GPU' }, () => cands, cache, { reps: 1 });
    recordToy(b);
    await b.finishModel();
    expect(calls.get('stock')).toBe(2);
    expect(cache.records.size).toBe(2);
  });

  it('leaves out a candidate that throws or is unavailable, and falls back to stock', async () => {
    const before = tf.memory().numTensors;
    const calls = new Map<string, number>();
    const cands = [chain('stock', 2, calls), throwing(calls), chain('absent', 1, calls, () => false)];
    const t = new Tuner(device, () => cands, new MemoryTuneCache(), { reps: 2 });
    recordToy(t);
    const [d] = await t.finishModel();
    expect(d.choice).toBe('stock');
    expect(Object.keys(d.ms)).toEqual(['stock']);
    expect(calls.get('broken')).toBe(1);
    expect(calls.has('absent')).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with no budget nothing is timed or cached: the op keeps its prior rule', async () => {
    const cache = new MemoryTuneCache();
    const calls = new Map<string, number>();
    const t = new Tuner(device, () => [chain('stock', 1, calls), chain('fast', 1, calls)], cache, { budgetMs: 0 });
    recordToy(t);
    expect(await t.finishModel()).toEqual([]);
    expect(t.choice('toy', 'x64')).toBeUndefined();
    expect(calls.size).toBe(0);
    expect(cache.records.size).toBe(0);
  });

  it('the time bound holds: a slow candidate is cut off, tuning takes at most the budget plus one call', async () => {
    const calls = new Map<string, number>();
    const slow = chain('slow', 400, calls);
    // One call of the slow candidate, for the bound.
    const x = tf.randomNormal([64, 64], 0, 0.1, 'float32', 3);
    const t1 = performance.now();
    await (slow.run(x, x) as tf.Tensor).data();
    const oneCall = performance.now() - t1;
    tf.dispose(x);
    calls.clear();
    const budgetMs = Math.max(50, oneCall * 1.2);
    const cache = new MemoryTuneCache();
    const t = new Tuner(device, () => [chain('stock', 1, calls), slow], cache, { budgetMs, reps: 5 });
    recordToy(t);
    const t0 = performance.now();
    const [d] = await t.finishModel();
    const took = performance.now() - t0;
    expect(took).toBeLessThanOrEqual(budgetMs + oneCall * 1.5 + 50); // + timing noise on a shared machine
    expect(calls.get('slow')).toBe(1); // its warm-up only
    expect(d.choice).toBe('stock');
    expect('slow' in d.ms).toBe(false); // its second call would not fit
    expect(cache.records.size).toBe(0); // not fully timed: a later run tries again
  });

  it('abort() disposes what a failed step recorded', () => {
    const before = tf.memory().numTensors;
    const t = new Tuner(device, () => [], new MemoryTuneCache());
    recordToy(t);
    expect(tf.memory().numTensors).toBe(before + 2);
    t.abort();
    expect(tf.memory().numTensors).toBe(before);
    expect(t.recording).toBe(false);
  });
});

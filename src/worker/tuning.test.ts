// The worker's autotuning through its client (real engine on tfjs cpu): a run with a tune cache says it is tuning,
// lists the choices in the backend's details, and a new worker with the same cache (a reload) tunes nothing.
import { describe, expect, it } from 'vitest';
import { MemoryTuneCache } from '../core/nn/tune/cache';
import { inProcessWorkerWithHooks } from '../test/inProcessWorker';
import { open, tiny } from '../test/workerSession';
import { Tuners } from './tuning';

const cfg = tiny({ teacher: { ...tiny().teacher, epochs: 1 }, student: { ...tiny().student, epochs: 1 } });

describe('autotuning in the worker', () => {
  it("'tuning' then 'done' with the choices; done's backend lists them; a reload reads them from the cache", async () => {
    const cache = new MemoryTuneCache();
    const s = open(() => inProcessWorkerWithHooks({ tuneCache: cache }).worker);
    const id = s.client.start(cfg);
    const done = await s.until('done', id, 60_000);
    const states = s.of('tuning', id).map((e) => e.state);
    expect(states.slice(0, 2)).toEqual(['tuning', 'done']);
    const tuned = done.backend.tuned ?? [];
    expect(new Set(tuned.map((d) => d.op))).toEqual(new Set(['convFilterGrad', 'convInputGrad', 'denseGrad']));
    for (const d of tuned) {
      expect(d.ms[d.baseline]).toBeGreaterThan(0);
      expect(d.gain).toBeGreaterThanOrEqual(1);
    }
    expect(cache.records.size).toBeGreaterThan(0);

    const again = open(() => inProcessWorkerWithHooks({ tuneCache: cache }).worker);
    const id2 = again.client.start(cfg);
    const done2 = await again.until('done', id2, 60_000);
    expect(again.of('tuning', id2).map((e) => e.state)).not.toContain('tuning');
    expect(done2.backend.tuned?.length).toBeGreaterThan(0);
    expect(done2.backend.tuned?.every((d) => d.cached)).toBe(true);
    expect(done2.results.map((r) => r.id)).toEqual(done.results.map((r) => r.id));
  }, 120_000);

  it('one tuner per device, none on a software GPU', () => {
    const tuners = new Tuners(new MemoryTuneCache());
    const gpu = { name: 'webgpu' as const, adapter: 'nvidia h200', software: false, reason: '' };
    expect(tuners.for(gpu)).toBe(tuners.for({ ...gpu }));
    expect(tuners.for({ ...gpu, adapter: 'another' })).not.toBe(tuners.for(gpu));
    expect(tuners.for({ ...gpu, name: 'webgl', adapter: 'SwiftShader', software: true })).toBeUndefined();
    expect(new Tuners(undefined).for(gpu)).toBeUndefined();
  });

  it('without a cache (as in the other Node tests) nothing is tuned', async () => {
    const s = open();
    const id = s.client.start(cfg);
    const done = await s.until('done', id, 60_000);
    expect(s.of('tuning', id)).toEqual([]);
    expect(done.backend.tuned).toBeUndefined();
  }, 120_000);
});

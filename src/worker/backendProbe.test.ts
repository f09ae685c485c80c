// The backend probe on the real engine: two backends with a known speed order in Node (WASM trains the default
// student roughly 10× faster than tfjs's pure-JS cpu backend), measured with the real speed probe.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useNodeBackend, type NodeBackend } from '../cli/nodeBackend';
import { describeChoice, deviceKey, measureBackends, pickFastest } from './backendProbe';

const activate = async (name: string) => {
  try {
    await useNodeBackend(name as NodeBackend);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

describe('backend probe', () => {
  afterAll(() => useNodeBackend('cpu'));

  it('picks the faster of two backends with a known speed order, whichever is tried first', async () => {
    const opts = { seconds: 0.4, warmupSteps: 1, maxWarmupSeconds: 30 };
    for (const order of [
      ['cpu', 'wasm'],
      ['wasm', 'cpu'],
    ] as const) {
      const ms = await measureBackends([...order], activate, undefined, opts);
      expect(ms.map((m) => m.name)).toEqual(order);
      const wasm = ms.find((m) => m.name === 'wasm')!.imgPerSec!;
      const cpu = ms.find((m) => m.name === 'cpu')!.imgPerSec!;
      expect(wasm).toBeGreaterThan(2 * cpu);
      expect(pickFastest(ms)).toBe('wasm');
    }
    expect(tf.getBackend()).toBe('cpu'); // the last one measured: the caller activates the winner
  }, 120_000);

  it('a backend that fails to start or to measure is reported, not chosen', async () => {
    const ms = await measureBackends(
      ['webgpu', 'cpu'],
      async (n) => (n === 'webgpu' ? 'no WebGPU adapter' : activate(n)),
      undefined,
      { seconds: 0.2, warmupSteps: 1 },
    );
    expect(ms[0]).toEqual({ name: 'webgpu', imgPerSec: null, note: 'no WebGPU adapter' });
    expect(pickFastest(ms)).toBe('cpu');
    const text = describeChoice({ chosen: 'cpu', measures: ms, measuredAt: 0 });
    expect(text).toMatch(
      /^measured on this device: WebGPU not measured \(no WebGPU adapter\), CPU [\d,]+ img\/s: CPU$/,
    );
  }, 60_000);

  it('nothing measured: no choice; the key names the tfjs version and every adapter', () => {
    expect(pickFastest([{ name: 'webgl', imgPerSec: null }])).toBeNull();
    const key = deviceKey([
      { name: 'webgpu', adapter: 'nvidia ampere' },
      { name: 'wasm', adapter: 'WebAssembly SIMD, 2 threads' },
    ]);
    expect(key).toBe(`tfjs ${tf.version_core}|webgpu:nvidia ampere|wasm:WebAssembly SIMD, 2 threads`);
  });
});

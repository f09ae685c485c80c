// Backend selection inside the worker: WebGPU, then WebGL, then WASM, then CPU, unless the user forces one.
// A software GPU (SwiftShader, llvmpipe, a WebGPU fallback adapter) trains far slower than WASM
// (docs/design.md §5: 1,850 img/s WASM vs 152 WebGL-SwiftShader vs 30 WebGPU-SwiftShader on a small CNN),
// so 'auto' skips software GPUs.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendPreference } from '../core/config/schema';
import { backendChoiceCache } from '../storage/backendChoice';
import { withTimeout } from './bounded';
import {
  deviceKey,
  describeChoice,
  measureBackends,
  pickFastest,
  type Candidate,
  type ChoiceCache,
} from './backendProbe';
import type { BackendInfo, BackendName } from './protocol';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

// Threads need SharedArrayBuffer, i.e. a cross-origin-isolated page (COOP/COEP headers, set by vite.config.ts for
// dev and preview; deployers must send them too). tfjs-wasm 4.22 sizes XNNPACK's pool as min(setThreadsCount,
// hardwareConcurrency / 2) (it assumes two hyper-threads per core), so on a 2-core machine it runs 1 thread whatever
// it is asked. To run N threads we report 2·N cores to it while it initialises. N: VITE_WASM_THREADS at build
// time (benchmarks), else tfjs's own choice.
export const WASM_MAX_THREADS = 4;

const forcedThreads = () => Math.min(WASM_MAX_THREADS, Number(import.meta.env?.VITE_WASM_THREADS) || 0);

/** The thread count tfjs-wasm will run: the forced one, else its own min(4, hardwareConcurrency / 2). */
export function wasmThreadsWanted(cores: number | undefined): number {
  return forcedThreads() || Math.max(1, Math.min(WASM_MAX_THREADS, Math.floor((cores ?? 2) / 2)));
}

async function withWasmThreads<T>(f: () => Promise<T>): Promise<T> {
  const threads = forcedThreads();
  const nav = globalThis.navigator as Navigator | undefined;
  if (!threads || !nav) return f(); // tfjs's own choice: nothing to patch
  setThreadsCount(threads);
  // The module reads navigator.hardwareConcurrency once, when it is instantiated: patch it for that moment only.
  const own = Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency');
  Object.defineProperty(nav, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  try {
    return await f();
  } finally {
    if (own) Object.defineProperty(nav, 'hardwareConcurrency', own);
    else delete (nav as unknown as Record<string, unknown>).hardwareConcurrency;
  }
}

/** Bounds of the waits that may never end (an adapter request that never answers was seen to hang forever). */
export interface BackendBounds {
  adapterMs: number;
  initMs: number;
}
export const BACKEND_BOUNDS: BackendBounds = { adapterMs: 5000, initMs: 20000 };
const SOFTWARE = /swiftshader|llvmpipe|software|basic render/i;

interface Probe {
  available: boolean;
  adapter: string;
  software: boolean;
  why?: string;
}

async function probeWebGpu(bounds: BackendBounds): Promise<Probe> {
  const gpu = (globalThis.navigator as (Navigator & { gpu?: GPU }) | undefined)?.gpu;
  if (!gpu) return { available: false, adapter: '', software: false, why: 'this browser has no WebGPU' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await withTimeout(gpu.requestAdapter(), bounds.adapterMs, 'the WebGPU adapter request');
  } catch (e) {
    return { available: false, adapter: '', software: false, why: (e as Error).message || 'adapter request failed' };
  }
  if (!adapter) return { available: false, adapter: '', software: false, why: 'no WebGPU adapter' };
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo & { isFallbackAdapter?: boolean } }).info;
  const desc =
    [info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
  const fallback = !!(
    info?.isFallbackAdapter ?? (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter
  );
  return { available: true, adapter: desc, software: fallback || SOFTWARE.test(desc) };
}

function probeWebGl(): Probe {
  try {
    if (typeof OffscreenCanvas === 'undefined')
      return { available: false, adapter: '', software: false, why: 'no OffscreenCanvas' };
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return { available: false, adapter: '', software: false, why: 'no WebGL2 context' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { available: true, adapter: renderer, software: SOFTWARE.test(renderer) };
  } catch (e) {
    return { available: false, adapter: '', software: false, why: `WebGL2 failed: ${(e as Error).message}` };
  }
}

/** Activates a backend within the bound; returns why not, or null on success. */
async function activate(name: BackendName, bounds: BackendBounds): Promise<string | null> {
  try {
    const init = () => tf.setBackend(name).then(() => tf.ready());
    await withTimeout(name === 'wasm' ? withWasmThreads(init) : init(), bounds.initMs, `${name} initialisation`);
  } catch (e) {
    return (e as Error).message || 'failed to initialise';
  }
  // A failed setBackend can silently leave the engine on another backend: check.
  return tf.getBackend() === name ? null : 'failed to initialise';
}

function cpuInfo(name: 'wasm' | 'cpu'): string {
  if (name === 'cpu') return 'JavaScript';
  const threads = getThreadsCount();
  const cores = `${globalThis.navigator?.hardwareConcurrency ?? '?'} logical cores`;
  return threads > 1
    ? `WebAssembly SIMD, ${threads} threads (${cores})`
    : `WebAssembly SIMD, 1 thread (${cores}${globalThis.crossOriginIsolated ? '' : '; page not cross-origin isolated'})`;
}

/**
 * 'auto' on a device with a hardware GPU: WASM and each hardware GPU backend are timed (once per device, then
 * cached) and the fastest is chosen. Null when there is nothing to choose between (the prior order decides).
 */
async function chooseByMeasurement(
  avoid: ReadonlySet<BackendName>,
  bounds: BackendBounds,
  cache: ChoiceCache,
  probeGpu: (name: 'webgpu' | 'webgl') => Promise<Probe>,
): Promise<BackendInfo | null> {
  const gpus: Candidate[] = [];
  for (const name of ['webgpu', 'webgl'] as const) {
    if (avoid.has(name)) continue;
    const p = await probeGpu(name);
    if (p.available && !p.software) gpus.push({ name, adapter: p.adapter });
  }
  if (!gpus.length || avoid.has('wasm')) return null;
  const wasmThreads = wasmThreadsWanted(globalThis.navigator?.hardwareConcurrency);
  const cands: Candidate[] = [...gpus, { name: 'wasm', adapter: `WebAssembly, ${wasmThreads} threads` }];
  const key = deviceKey(cands);
  let choice = await cache.get(key);
  const cached = !!choice && cands.some((c) => c.name === choice!.chosen);
  if (!cached) {
    const measures = await measureBackends(
      cands.map((c) => c.name),
      (n) => activate(n, bounds),
    );
    const chosen = pickFastest(measures);
    if (!chosen) return null;
    choice = { chosen, measures, measuredAt: Date.now() };
    await cache.set(key, choice);
  }
  const { chosen } = choice!;
  if (await activate(chosen, bounds)) return null;
  return {
    name: chosen,
    adapter: chosen === 'wasm' ? cpuInfo('wasm') : cands.find((c) => c.name === chosen)!.adapter,
    software: false,
    reason: describeChoice(choice!) + (cached ? ' (measured earlier, cached)' : ''),
  };
}

export async function selectBackend(
  pref: BackendPreference,
  avoid: ReadonlySet<BackendName> = new Set(),
  bounds: BackendBounds = BACKEND_BOUNDS,
  cache: ChoiceCache | null = backendChoiceCache,
): Promise<BackendInfo> {
  const notes: string[] = [];
  // Each GPU is probed once per selection (a hanging adapter request costs its full bound).
  const probes = new Map<'webgpu' | 'webgl', Promise<Probe>>();
  const probeGpu = (name: 'webgpu' | 'webgl') => {
    let p = probes.get(name);
    if (!p) probes.set(name, (p = name === 'webgpu' ? probeWebGpu(bounds) : Promise.resolve(probeWebGl())));
    return p;
  };
  const avoided = (name: BackendName) => {
    const note = `${name}: lost its device earlier in this session`;
    if (avoid.has(name) && !notes.includes(note)) notes.push(note); // a forced backend is tried twice
    return avoid.has(name);
  };
  const tryGpu = async (name: 'webgpu' | 'webgl', forced: boolean): Promise<BackendInfo | null> => {
    if (avoided(name)) return null;
    const p = await probeGpu(name);
    if (!p.available) {
      notes.push(`${name}: ${p.why}`);
      return null;
    }
    if (p.software && !forced) {
      notes.push(`${name}: software adapter (${p.adapter}), slower than WebAssembly`);
      return null;
    }
    const failed = await activate(name, bounds);
    if (failed) {
      notes.push(`${name}: ${failed}`);
      return null;
    }
    return {
      name,
      adapter: p.adapter,
      software: p.software,
      reason: forced ? 'forced by the config' : 'fastest available',
    };
  };
  const tryCpu = async (name: 'wasm' | 'cpu', forced: boolean): Promise<BackendInfo | null> => {
    if (avoided(name)) return null;
    const failed = await activate(name, bounds);
    if (failed) {
      notes.push(`${name}: ${failed}`);
      return null;
    }
    return { name, adapter: cpuInfo(name), software: false, reason: forced ? 'forced by the config' : '' };
  };

  if (pref !== 'auto') {
    const forced = pref === 'webgpu' || pref === 'webgl' ? await tryGpu(pref, true) : await tryCpu(pref, true);
    if (forced) return forced;
  }
  if (pref === 'auto' && cache) {
    const measured = await chooseByMeasurement(avoid, bounds, cache, probeGpu);
    if (measured) return measured;
  }
  const chosen =
    (await tryGpu('webgpu', false)) ??
    (await tryGpu('webgl', false)) ??
    (await tryCpu('wasm', false)) ??
    (await tryCpu('cpu', false));
  if (!chosen) throw new Error(`no tfjs backend could be initialised (${notes.join('; ')})`);
  const prefix = pref !== 'auto' ? `${pref} was requested but is unavailable. ` : '';
  chosen.reason = prefix + (notes.length ? `not used: ${notes.join('; ')}` : 'fastest available');
  return chosen;
}

/** WebGPU's `device.lost` of the active backend (a driver reset, a GPU removed, a watchdog); other backends never. */
export function deviceLost(info: BackendInfo): Promise<string> {
  if (info.name !== 'webgpu') return new Promise(() => undefined);
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  if (!device) return new Promise(() => undefined);
  // 'destroyed' is our own doing (a backend disposed on purpose), not a loss.
  return device.lost.then((i) =>
    i.reason === 'destroyed' ? new Promise<string>(() => undefined) : i.message || i.reason || 'unknown reason',
  );
}

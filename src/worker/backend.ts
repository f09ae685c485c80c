// Backend selection inside the worker: WebGPU, then WebGL, then WASM, then CPU, unless the user forces one.
// A software GPU (SwiftShader, llvmpipe, a WebGPU fallback adapter) trains far slower than WASM
// (docs/design.md §5: 1,850 img/s WASM vs 152 WebGL-SwiftShader vs 30 WebGPU-SwiftShader on a small CNN),
// so 'auto' skips software GPUs.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendPreference } from '../core/config/schema';
import { withTimeout } from './bounded';
import type { BackendInfo, BackendName } from './protocol';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

// Threads need SharedArrayBuffer, i.e. a cross-origin-isolated page (COOP/COEP headers, set by vite.config.ts for
// dev and preview; deployers must send them too). tfjs-wasm chooses the thread count (one on this repo's 2-core
// machine, where threads therefore gained nothing measurable); the badge reports what it chose.

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
    await withTimeout(
      tf.setBackend(name).then(() => tf.ready()),
      bounds.initMs,
      `${name} initialisation`,
    );
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

export async function selectBackend(
  pref: BackendPreference,
  avoid: ReadonlySet<BackendName> = new Set(),
  bounds: BackendBounds = BACKEND_BOUNDS,
): Promise<BackendInfo> {
  const notes: string[] = [];
  const avoided = (name: BackendName) => {
    const note = `${name}: lost its device earlier in this session`;
    if (avoid.has(name) && !notes.includes(note)) notes.push(note); // a forced backend is tried twice
    return avoid.has(name);
  };
  const tryGpu = async (name: 'webgpu' | 'webgl', forced: boolean): Promise<BackendInfo | null> => {
    if (avoided(name)) return null;
    const p = name === 'webgpu' ? await probeWebGpu(bounds) : probeWebGl();
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

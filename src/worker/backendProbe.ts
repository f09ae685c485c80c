// 'auto' picks the backend by measurement: on first use on a device, each candidate backend trains the default
// student for about half a second (core/train/speedProbe.ts) and the fastest wins; the choice is cached per device
// (the candidates' adapters and the tfjs version), so later visits go straight to it. Until then the fixed prior
// (hardware GPU first, software GPUs skipped) decides, and it also orders the candidates.
import { version_core } from '@tensorflow/tfjs-core';
import { probeSpeed, type ProbeOptions, type SpeedProbe } from '../core/train/speedProbe';
import type { BackendName } from './protocol';

export interface BackendMeasure {
  name: BackendName;
  /** Warm training img/s of the default student; null when it could not be measured (see note). */
  imgPerSec: number | null;
  note?: string;
}

/** A cached choice: what was measured, and the winner. */
export interface BackendChoice {
  chosen: BackendName;
  measures: BackendMeasure[];
  measuredAt: number;
}

export interface ChoiceCache {
  get(key: string): Promise<BackendChoice | null>;
  set(key: string, c: BackendChoice): Promise<void>;
}

export interface Candidate {
  name: BackendName;
  adapter: string;
}

/** The device as the choice depends on it: the candidates and their adapters, and the tfjs version. */
export function deviceKey(cands: Candidate[]): string {
  return [`tfjs ${version_core}`, ...cands.map((c) => `${c.name}:${c.adapter}`)].join('|');
}

/** The fastest measured candidate; ties and unmeasured candidates keep the prior order. */
export function pickFastest(ms: BackendMeasure[]): BackendName | null {
  let best: BackendMeasure | null = null;
  for (const m of ms) if (m.imgPerSec !== null && (!best || m.imgPerSec > best.imgPerSec!)) best = m;
  return best?.name ?? null;
}

const LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** "WebGPU 3,900 img/s, WASM 1,100 img/s: WebGPU" (for the badge). */
export function describeChoice(c: BackendChoice): string {
  const parts = c.measures.map(
    (m) =>
      `${LABEL[m.name]} ${m.imgPerSec === null ? `not measured (${m.note ?? 'failed'})` : `${Math.round(m.imgPerSec).toLocaleString('en-US')} img/s`}`,
  );
  return `measured on this device: ${parts.join(', ')}: ${LABEL[c.chosen]}`;
}

export const PROBE_OPTIONS: ProbeOptions = { seconds: 0.5, warmupSteps: 3, maxWarmupSeconds: 6 };

/**
 * Activates each candidate in turn (`activate` returns why not, or null) and times the default student on it.
 * Leaves the engine on the last candidate measured: the caller activates the winner.
 */
export async function measureBackends(
  cands: BackendName[],
  activate: (name: BackendName) => Promise<string | null>,
  probe: (o: ProbeOptions) => Promise<SpeedProbe | null> = probeSpeed,
  options: ProbeOptions = PROBE_OPTIONS,
): Promise<BackendMeasure[]> {
  const out: BackendMeasure[] = [];
  for (const name of cands) {
    const failed = await activate(name);
    if (failed) {
      out.push({ name, imgPerSec: null, note: failed });
      continue;
    }
    try {
      const p = await probe(options);
      out.push(p ? { name, imgPerSec: p.imgPerSec } : { name, imgPerSec: null, note: 'still compiling after 6 s' });
    } catch (e) {
      out.push({ name, imgPerSec: null, note: (e as Error).message || 'probe failed' });
    }
  }
  return out;
}

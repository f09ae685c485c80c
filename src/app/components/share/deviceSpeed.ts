// How fast this device trains, for the presets' time estimates: the last run's img/s of a student with the
// default CNN when the store has one, else a typical figure for the backend (README's measurements, rounded).
import { defaultConfig } from '../../../core/config/defaults';
import { estimateSeconds, scaledThroughput } from '../../../core/train/estimate';
import { deepEqual } from '../../../core/config/repair';
import type { ExperimentConfig } from '../../../core/config/schema';
import { inputShapeOf, type InputShape } from '../../../core/data/shape';
import { BACKEND_LABELS, rate } from '../../lib/format';
import type { Store } from '../../store';

const TYPICAL_IMG_PER_SEC: Record<string, number> = { wasm: 1000, webgl: 300, webgpu: 1500, cpu: 50 };
const DEFAULT_STUDENT = defaultConfig().student.model;

export interface DeviceSpeed {
  /** Training img/s of the default student. */
  imgPerSec: number;
  backend: string;
  measured: boolean;
  /** Input shape the speed was measured on (the estimate scales from it). */
  shape: InputShape;
}

/** The parts of the store the speed depends on. */
export type SpeedInputs = Pick<Store, 'runConfig' | 'plan' | 'results' | 'epochs' | 'backend' | 'resultsBackend'>;

export const selSpeedInputs = (s: Store): SpeedInputs => ({
  runConfig: s.runConfig,
  plan: s.plan,
  results: s.results,
  epochs: s.epochs,
  backend: s.backend,
  resultsBackend: s.resultsBackend,
});

export function deviceSpeed(s: SpeedInputs): DeviceSpeed {
  return measuredSpeed(s) ?? typicalSpeed(s.backend?.name ?? 'wasm');
}

function typicalSpeed(backend: string): DeviceSpeed {
  const imgPerSec = TYPICAL_IMG_PER_SEC[backend] ?? TYPICAL_IMG_PER_SEC.wasm;
  return { imgPerSec, backend, measured: false, shape: inputShapeOf(defaultConfig().data) };
}

function measuredSpeed(s: SpeedInputs): DeviceSpeed | null {
  const cfg = s.runConfig;
  if (!cfg || !deepEqual(cfg.student.model, DEFAULT_STUDENT)) return null;
  const students = s.plan.filter((p) => p.kind === 'student');
  // Students that do not distil first: a distilling student's img/s also pays for its teacher's forward pass.
  const ordered = [...students.filter((p) => !p.recipe.kd), ...students.filter((p) => p.recipe.kd)];
  for (const p of ordered) {
    const ips = s.results.find((r) => r.id === p.id)?.imgPerSec || s.epochs[p.id]?.at(-1)?.imgPerSec;
    if (ips && ips > 0) {
      const backend = (s.resultsBackend ?? s.backend)?.name ?? 'unknown';
      return { imgPerSec: ips, backend, measured: true, shape: inputShapeOf(cfg.data) };
    }
  }
  return null;
}

/** Seconds `cfg` should take at this speed. */
export function secondsAt(cfg: ExperimentConfig, speed: DeviceSpeed): number {
  const reference = { spec: DEFAULT_STUDENT, shape: speed.shape };
  return estimateSeconds(cfg, scaledThroughput(speed.imgPerSec, inputShapeOf(cfg.data), reference));
}

/** "about 2 min", "about 3.5 h": an estimate, so no seconds. */
export function roughDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  if (seconds < 60) return 'under a minute';
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min`;
  const h = seconds / 3600;
  return `about ${h < 10 ? h.toFixed(1) : Math.round(h)} h`;
}

/** Where the speed comes from, in words. */
export function speedSource(speed: DeviceSpeed): string {
  const name = BACKEND_LABELS[speed.backend] ?? speed.backend;
  return speed.measured
    ? `from your last run: ${rate(speed.imgPerSec)} img/s on ${name}`
    : `estimate for ${name} at a typical ${rate(speed.imgPerSec)} img/s`;
}

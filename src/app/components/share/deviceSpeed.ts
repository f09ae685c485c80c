// How fast this device trains, for the time estimates (presets, the run guard, studies): the last run's img/s of a
// student with the default CNN when the store has one on the active backend, else the speed test's figure for this
// backend and adapter (speedSlice), else a typical figure for the backend (README's measurements, rounded), which
// the UI labels as a guess and offers to measure.
import { defaultConfig } from '../../../core/config/defaults';
import { estimateStudy } from '../../../core/study/estimate';
import { scaledThroughput } from '../../../core/train/estimate';
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
  /** Where the figure comes from: the last run, the speed test, or a typical value. */
  source: 'run' | 'test' | 'typical';
  /** Input shape the speed was measured on (the estimate scales from it). */
  shape: InputShape;
}

/** The parts of the store the speed depends on. */
export type SpeedInputs = Pick<
  Store,
  'runConfig' | 'plan' | 'results' | 'epochs' | 'backend' | 'resultsBackend' | 'speedProbe'
>;

export const selSpeedInputs = (s: Store): SpeedInputs => ({
  runConfig: s.runConfig,
  plan: s.plan,
  results: s.results,
  epochs: s.epochs,
  backend: s.backend,
  resultsBackend: s.resultsBackend,
  speedProbe: s.speedProbe,
});

export function deviceSpeed(s: SpeedInputs): DeviceSpeed {
  return measuredSpeed(s) ?? testedSpeed(s) ?? typicalSpeed(s.backend?.name ?? 'wasm');
}

function testedSpeed(s: SpeedInputs): DeviceSpeed | null {
  const p = s.speedProbe;
  if (!p || (s.backend && p.backend !== s.backend.name)) return null;
  return {
    imgPerSec: p.imgPerSec,
    backend: p.backend,
    measured: true,
    source: 'test',
    shape: inputShapeOf(defaultConfig().data),
  };
}

function typicalSpeed(backend: string): DeviceSpeed {
  const imgPerSec = TYPICAL_IMG_PER_SEC[backend] ?? TYPICAL_IMG_PER_SEC.wasm;
  return { imgPerSec, backend, measured: false, source: 'typical', shape: inputShapeOf(defaultConfig().data) };
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
      // A run on another backend than the active one says nothing about this one.
      if (s.backend && backend !== s.backend.name) return null;
      return { imgPerSec: ips, backend, measured: true, source: 'run', shape: inputShapeOf(cfg.data) };
    }
  }
  return null;
}

/** Seconds `cfg` should take at this speed: every cell of its study, with the PGD evaluation after each. */
export function secondsAt(cfg: ExperimentConfig, speed: DeviceSpeed): number {
  const reference = { spec: DEFAULT_STUDENT, shape: speed.shape };
  return estimateStudy(cfg, scaledThroughput(speed.imgPerSec, inputShapeOf(cfg.data), reference)).seconds;
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
  if (speed.source === 'run') return `from your last run: ${rate(speed.imgPerSec)} img/s on ${name}`;
  if (speed.source === 'test') return `measured on this device: ${rate(speed.imgPerSec)} img/s on ${name}`;
  return `a guess for ${name} at a typical ${rate(speed.imgPerSec)} img/s, not measured here yet`;
}

// The resource guard: how much memory a run needs and whether this device holds it, before anything is
// allocated. A valid but huge config (a CNN 256-512 with 9 models, a WRN-40-10 at batch 512 on 32×32×3) used to
// start, finish no step within 30 s and not stop within 3 s; now it is refused with figures, and a long one
// asks first (the UI, with the time from this device's measured speed).
import { inputShapeOf } from '../data/shape';
import { paramCount, wrnBlocks, WRN_STEM, type Shape } from '../nn/paramCount';
import type { ExperimentConfig, ModelSpec } from '../config/schema';
import { planPhases } from './plan';

const F32 = 4;
/** Saved forward values, their gradients and temporaries per activation value (a measured-free rule of thumb). */
const ACTIVATION_FACTOR = 3;
/** Runs longer than this ask for confirmation. */
export const CONFIRM_SECONDS = 30 * 60;

/** Activation values one image produces in a forward pass (every layer output the backward pass keeps). */
export function activationsPerImage(spec: ModelSpec, s: Shape): number {
  if (spec.family === 'cnn') {
    const [c1, c2] = spec.channels;
    const h1 = Math.ceil(s.height / 2);
    const w1 = Math.ceil(s.width / 2);
    const flat = Math.ceil(h1 / 2) * Math.ceil(w1 / 2) * c2;
    // conv → ReLU → pool twice (pre/post activation each), then hidden (+ dropout) and logits
    return s.height * s.width * (s.channels + 2 * c1) + h1 * w1 * (c1 + 2 * c2) + flat + 3 * spec.hidden + s.numClasses;
  }
  let total = s.height * s.width * (s.channels + WRN_STEM);
  const blocks = wrnBlocks(spec, s);
  // BN, ReLU on the input; conv, BN, ReLU, dropout; conv; shortcut; add
  for (const b of blocks) total += 2 * b.h * b.w * b.cin + 6 * b.ho * b.wo * b.cout;
  const last = blocks.at(-1);
  const [h, w, cin] = last ? [last.ho, last.wo, last.cout] : [s.height, s.width, WRN_STEM];
  return total + 2 * h * w * cin + cin + s.numClasses;
}

export interface MemoryEstimate {
  /** Weights of every model the run holds at its peak (finished models stay for the results and the lab). */
  params: number;
  /** Gradients and optimiser slots of the model being trained. */
  optimizer: number;
  /** One batch's activations of the model being trained, and of its teacher's forward pass. */
  activations: number;
  /** The data set's images (uint8) and one float batch. */
  data: number;
  total: number;
}

/** Peak bytes of a run: the worst phase, with all models trained before it still held. */
export function estimateMemory(cfg: ExperimentConfig): MemoryEstimate {
  const ins = inputShapeOf(cfg.data);
  const shape: Shape = { ...ins, numClasses: ins.numClasses };
  const phases = planPhases(cfg);
  const slots = cfg.optimizer.type === 'adam' ? 3 : 2; // gradient + Adam's m, v / gradient + momentum
  const pixels = shape.height * shape.width * shape.channels;
  const data = (cfg.data.trainSize + cfg.data.testSize) * pixels + cfg.batchSize * pixels * F32;
  let held = 0;
  let worst: MemoryEstimate = { params: 0, optimizer: 0, activations: 0, data, total: 0 };
  const byId = new Map(phases.map((p) => [p.id, p]));
  for (const p of phases) {
    const params = paramCount(p.spec, shape) * F32;
    held += params;
    const teacher = p.teacherId ? byId.get(p.teacherId) : undefined;
    const acts =
      (ACTIVATION_FACTOR * activationsPerImage(p.spec, shape) +
        (teacher ? activationsPerImage(teacher.spec, shape) : 0)) *
      cfg.batchSize *
      F32;
    const m = { params: held, optimizer: params * slots, activations: acts, data, total: 0 };
    m.total = m.params + m.optimizer + m.activations + m.data;
    if (m.total > worst.total) worst = m;
  }
  return worst;
}

/** What a backend can hold, in bytes, and why that figure. */
export function memoryCapacity(backend: string, deviceMemoryGiB?: number): { bytes: number; why: string } {
  const GiB = 2 ** 30;
  if (backend === 'wasm') return { bytes: 2 * GiB, why: 'the WebAssembly backend’s heap (2 GiB)' };
  const ram = deviceMemoryGiB && deviceMemoryGiB > 0 ? deviceMemoryGiB : 4;
  if (backend === 'cpu') return { bytes: Math.min(ram / 2, 4) * GiB, why: `half of about ${ram} GiB of RAM` };
  // The page cannot see GPU memory; browsers cap a tab's GPU memory well below the card's.
  return { bytes: Math.max(1, Math.min(ram / 2, 4)) * GiB, why: `what a browser tab can expect of the GPU` };
}

export type Guard =
  | { verdict: 'ok'; memory: MemoryEstimate; capacity: number }
  | { verdict: 'confirm'; memory: MemoryEstimate; capacity: number; message: string }
  | { verdict: 'refuse'; memory: MemoryEstimate; capacity: number; message: string };

const mb = (b: number) =>
  b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(1)} GB` : `${Math.max(1, Math.round(b / 2 ** 20))} MB`;

/** Refuse past what the device holds; ask past CONFIRM_SECONDS (`seconds`: the estimate on this device). */
export function guardRun(
  cfg: ExperimentConfig,
  backend: string,
  seconds: number | null,
  deviceMemoryGiB?: number,
): Guard {
  const memory = estimateMemory(cfg);
  const cap = memoryCapacity(backend, deviceMemoryGiB);
  if (memory.total > cap.bytes) {
    const parts = `weights ${mb(memory.params)}, optimiser ${mb(memory.optimizer)}, activations of a batch ${mb(memory.activations)}, data ${mb(memory.data)}`;
    return {
      verdict: 'refuse',
      memory,
      capacity: cap.bytes,
      message: `This run needs about ${mb(memory.total)} (${parts}), more than ${mb(cap.bytes)}, ${cap.why}. Use smaller models, fewer students or a smaller batch.`,
    };
  }
  if (seconds !== null && seconds > CONFIRM_SECONDS)
    return {
      verdict: 'confirm',
      memory,
      capacity: cap.bytes,
      message: `This run is estimated at ${Math.round(seconds / 60)} minutes on this device. Start it anyway?`,
    };
  return { verdict: 'ok', memory, capacity: cap.bytes };
}

export const formatBytes = mb;

// `npm run bench:gpu`: the device check for WebGPU training in Node (Dawn), measured side by side in one run:
//   a. the adapter and tfjs version;
//   b. per op and shape, ms of stock vs every candidate and the one the autotuner chose (the real Tuner over one
//      training step of each model, MemoryTuneCache, a generous budget);
//   c. training img/s of the small CNN (the default student, 28×28×1), WRN-16-2 and WRN-40-2 (32×32×3): stock,
//      each single candidate forced everywhere it applies, the prior rule, and autotuned; autotuned / best single
//      and autotuned / stock;
//   d. GPU dispatches per training step, stock vs autotuned.
// On a GPU server (see bench/GPU.md): `../shared/tools/gpu/prepare bench/gpu.ts`, copy .gpu/ there, then
// `bash .gpu/on-device` (full run, ≤ 5 min on an H200). Here, on SwiftShader: `npm run bench:gpu -- --quick`
// (batch 4, the WRNs on 8×8, WRN-10-2 for WRN-40-2, 3 steps per measurement: it checks the bundle and prints every
// table; its timings say nothing about GPUs).
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import '../src/cli/nodeBackend';
import { useNodeWebGpu } from '../src/cli/webgpuNode';
import { defaultConfig } from '../src/core/config/defaults';
import type { ModelSpec } from '../src/core/config/schema';
import { hostBatch, range } from '../src/core/data/batches';
import { syntheticDataset } from '../src/core/data/synthetic';
import type { Dataset } from '../src/core/data/types';
import { NO_NOISE } from '../src/core/methods/recipe';
import { buildModel } from '../src/core/nn/build';
import type { Model } from '../src/core/nn/model';
import { candidatesOf, OP_KINDS, type OpKind } from '../src/core/nn/ops/candidates';
import { forceCandidate, setActiveTuner, setOpsMode } from '../src/core/nn/ops/routing';
import { Tuner, type TunedOp } from '../src/core/nn/tune/autotuner';
import { MemoryTuneCache } from '../src/core/nn/tune/cache';
import { median } from '../src/core/nn/tune/timer';
import { countDispatches } from '../src/core/nn/webgpu';
import '../src/core/nn/webgpu/register';
import { stream } from '../src/core/rng';
import { makeOptimizer, type Optim } from '../src/core/train/optimizer';
import { trainStep } from '../src/core/train/step';
import { inputInfo } from '../src/core/train/trainer';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    batch: { type: 'string' },
    /** Seconds of timed steps per measurement (after the warm-up). */
    seconds: { type: 'string' },
    /** Tuning budget per model, in seconds. */
    budget: { type: 'string' },
    /** Stop starting measurements after this many minutes (the rest is reported as skipped). */
    'max-minutes': { type: 'string' },
    only: { type: 'string' },
    /** Measure every routing this many times, round-robin, and keep the median (drift and contention average out). */
    repeat: { type: 'string' },
  },
});
const quick = values.quick;
const BATCH = Number(values.batch ?? (quick ? 4 : 128));
const SECONDS = Number(values.seconds ?? (quick ? 0 : 2));
const BUDGET_MS = 1000 * Number(values.budget ?? (quick ? 30 : 60));
// --quick: the WRNs on 8×8 inputs (SwiftShader compiles every shader for ~0.1-1 s and runs a 32×32 WRN step slowly).
const WRN_SIZE = quick ? 8 : 32;
const MAX_MS = 60_000 * Number(values['max-minutes'] ?? (quick ? 30 : 4.5));
const WARM = quick ? 1 : 2;
const REPEAT = Math.max(1, Number(values.repeat ?? 1));
const MIN_STEPS = quick ? 1 : 3;
const T0 = performance.now();

interface Case {
  name: string;
  spec: ModelSpec;
  data: Dataset;
}

/** How the ops are routed for one measurement. */
interface Config {
  name: string;
  /** Sets up the routing (reset() undoes it). */
  apply: () => void;
  single: boolean;
}

function reset(): void {
  setOpsMode('ours');
  setActiveTuner(null);
  for (const op of OP_KINDS) forceCandidate(op, null);
}

/** One model and optimiser, and a step function that returns the loss (the caller reads it). */
function session(c: Case) {
  const model: Model = buildModel(c.spec, inputInfo(c.data), stream(1, 'init', c.name));
  const optim: Optim = makeOptimizer({ type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 5e-4 });
  const rngs = {
    dropout: stream(1, 'dropout', c.name),
    noise: stream(1, 'noise', c.name),
    labels: stream(1, 'labels', c.name),
  };
  const order = range(c.data.train.count);
  let s = 0;
  const step = (): tf.Scalar => {
    const b = hostBatch(c.data.train, order, (s++ * BATCH) % (c.data.train.count - BATCH + 1), BATCH, c.data);
    const out = trainStep(model, optim, 5e-4, NO_NOISE, 0, b, rngs, null);
    out.correct.dispose();
    return out.loss;
  };
  /** n steps queued back to back, one read at the end (the GPU queue drains before the clock stops). */
  const run = async (n: number): Promise<number> => {
    const t0 = performance.now();
    let last: tf.Scalar | null = null;
    for (let i = 0; i < n; i++) {
      last?.dispose();
      last = step();
    }
    await last!.data();
    last!.dispose();
    return performance.now() - t0;
  };
  const dispose = () => {
    optim.dispose();
    model.dispose();
  };
  return { step, run, dispose };
}

async function imgPerSec(c: Case, cfg: Config): Promise<{ ips: number; steps: number }> {
  reset();
  cfg.apply();
  const s = session(c);
  try {
    await s.run(WARM); // shader compilation
    const one = await s.run(1);
    const n = Math.max(MIN_STEPS, Math.min(200, Math.ceil((SECONDS * 1000) / one)));
    const ms = await s.run(n);
    return { ips: (n * BATCH) / (ms / 1000), steps: n };
  } finally {
    s.dispose();
    reset();
  }
}

/** The tuner's records for one step of the model (shapes already decided for an earlier model are reused). */
async function tune(c: Case, tuner: Tuner): Promise<TunedOp[]> {
  reset();
  setActiveTuner(tuner);
  const s = session(c);
  try {
    tuner.beginModel();
    const loss = s.step();
    await loss.data();
    loss.dispose();
    return await tuner.finishModel();
  } finally {
    tuner.abort();
    s.dispose();
    reset();
  }
}

async function dispatchesPerStep(c: Case, cfg: Config): Promise<number> {
  reset();
  cfg.apply();
  const s = session(c);
  try {
    await s.run(1); // the first step may differ (optimiser slots created)
    const { dispatches } = await countDispatches(async () => {
      const loss = s.step();
      await loss.data();
      loss.dispose();
    });
    return dispatches;
  } finally {
    s.dispose();
    reset();
  }
}

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((v, i) => (i ? v.padStart(w[i]) : v.padEnd(w[i]))).join(' | ')} |`;
  return [line(cells[0]), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

const fmt = (x: number | undefined, d = 2) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d));
const timeLeft = () => performance.now() - T0 < MAX_MS;

async function main(): Promise<void> {
  const { adapter } = await useNodeWebGpu();
  const limits = (tf.backend() as unknown as { device: GPUDevice }).device.limits;
  console.log(`# GPU device check${quick ? ' (--quick: tiny batches, timings meaningless)' : ''}`);
  console.log(`WebGPU adapter: ${adapter} · tfjs ${tf.version_core} · backend ${tf.getBackend()}`);
  console.log(
    `batch ${BATCH} · ${SECONDS} s per measurement · tuning budget ${BUDGET_MS / 1000} s per model · ` +
      `workgroup storage ${limits.maxComputeWorkgroupStorageSize} B`,
  );

  const size = (n: number) => Math.max(n, BATCH * 2);
  const allCases: Case[] = [
    {
      name: 'small CNN (default student, 28×28×1)',
      spec: defaultConfig().student.model,
      data: syntheticDataset({ trainSize: size(512), testSize: 10, size: 28, channels: 1, seed: 1 }),
    },
    {
      name: `WRN-16-2 (${WRN_SIZE}×${WRN_SIZE}×3)`,
      spec: { family: 'wrn', depth: 16, widen: 2, dropout: 0 },
      data: syntheticDataset({ trainSize: size(256), testSize: 10, size: WRN_SIZE, channels: 3, seed: 1 }),
    },
    {
      // --quick: WRN-10-2 stands in (same widths and strides; a WRN-40-2 step takes ~25 s on SwiftShader).
      name: quick ? `WRN-10-2 (${WRN_SIZE}×${WRN_SIZE}×3, --quick stand-in for WRN-40-2)` : 'WRN-40-2 (32×32×3)',
      spec: { family: 'wrn', depth: quick ? 10 : 40, widen: 2, dropout: 0 },
      data: syntheticDataset({ trainSize: size(256), testSize: 10, size: WRN_SIZE, channels: 3, seed: 1 }),
    },
  ];
  const cases = allCases.filter((c) => !values.only || c.name.toLowerCase().includes(values.only.toLowerCase()));

  // b. The tuner over one step of each model, every record printed.
  const device = { backend: 'webgpu', adapter, tfjs: tf.version_core };
  const tuner = new Tuner(device, candidatesOf, new MemoryTuneCache(), { budgetMs: BUDGET_MS });
  const records: (TunedOp & { model: string })[] = [];
  for (const c of cases) {
    const t0 = performance.now();
    const got = await tune(c, tuner);
    console.log(`tuned ${c.name}: ${got.length} new shapes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    records.push(...got.map((r) => ({ ...r, model: c.name.split(' (')[0] })));
  }
  // The WASM kernels never apply on WebGPU (a column of dashes; forced, they would time the prior rule again).
  const names = [...new Set(OP_KINDS.flatMap((op) => candidatesOf(op).map((x) => x.name)))].filter(
    (n) => n !== 'wasm-simd',
  );
  console.log(
    `\n## Per-op ms (B=${BATCH}; median of the tuner's timed calls; – = not applicable or not timed; model: the first whose step decided the shape)\n`,
  );
  console.log(
    table(
      ['model', 'op', 'shape', ...names, 'chosen', 'gain'],
      records.map((r) => [r.model, r.op, r.shape, ...names.map((n) => fmt(r.ms[n], 3)), r.choice, fmt(r.gain)]),
    ),
  );

  // c. img/s per routing.
  // Measured in this order (stock and autotuned first, in case --max-minutes cuts the rest).
  const configs: Config[] = [
    { name: 'stock', apply: () => setOpsMode('stock'), single: true },
    { name: 'autotuned', apply: () => setActiveTuner(tuner), single: false },
    { name: 'prior rule', apply: () => {}, single: true },
    ...names
      .filter((n) => n !== 'stock')
      .map((n) => {
        const ops = OP_KINDS.filter((op) => candidatesOf(op).some((x) => x.name === n));
        return {
          name: `all '${n}' (${ops.join(', ')})`,
          apply: () => ops.forEach((op: OpKind) => forceCandidate(op, n)),
          single: true,
        };
      }),
  ];
  const ips = new Map<string, Map<string, number>>();
  for (const c of cases) {
    const all = new Map<string, number[]>();
    for (let r = 0; r < REPEAT; r++) {
      for (const cfg of configs) {
        if (!timeLeft()) {
          console.log(`skipped ${c.name} · ${cfg.name} (past --max-minutes)`);
          continue;
        }
        const x = await imgPerSec(c, cfg);
        all.set(cfg.name, [...(all.get(cfg.name) ?? []), x.ips]);
        console.log(`${c.name} · ${cfg.name}: ${x.ips.toFixed(1)} img/s (${x.steps} steps)`);
      }
    }
    ips.set(c.name, new Map([...all].map(([k, v]) => [k, median(v)])));
  }
  console.log(`\n## Training img/s at batch ${BATCH}${REPEAT > 1 ? ` (median of ${REPEAT}, round-robin)` : ''}\n`);
  console.log(
    table(
      ['routing', ...cases.map((c) => c.name)],
      configs.map((cfg) => [cfg.name, ...cases.map((c) => fmt(ips.get(c.name)!.get(cfg.name), 1))]),
    ),
  );
  const ratios = cases.map((c) => {
    const m = ips.get(c.name)!;
    const singles = configs.filter((x) => x.single && m.has(x.name));
    const best = singles.reduce((a, b) => (m.get(b.name)! > m.get(a.name)! ? b : a), singles[0]);
    const auto = m.get('autotuned');
    return { c, best: best?.name, bestIps: best ? m.get(best.name) : undefined, auto, stock: m.get('stock') };
  });
  console.log('');
  console.log(
    table(
      ['model', 'best single', 'autotuned / best single', 'autotuned / stock'],
      ratios.map((r) => [
        r.c.name,
        r.best ?? '–',
        fmt(r.auto !== undefined && r.bestIps ? r.auto / r.bestIps : NaN, 3),
        fmt(r.auto !== undefined && r.stock ? r.auto / r.stock : NaN, 2),
      ]),
    ),
  );

  // d. Dispatches per step.
  const rows: (string | number)[][] = [];
  for (const c of cases) {
    if (!timeLeft()) break;
    const stock = await dispatchesPerStep(c, configs[0]);
    const auto = await dispatchesPerStep(c, configs[1]);
    rows.push([c.name, stock, auto, fmt(auto / stock)]);
  }
  console.log(`\n## GPU dispatches per training step (batch ${BATCH})\n`);
  console.log(table(['model', 'stock', 'autotuned', 'autotuned / stock'], rows));
  console.log(`\ntotal ${((performance.now() - T0) / 1000).toFixed(0)} s`);
}

// No top-level await: the GPU-server bundle is CommonJS.
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

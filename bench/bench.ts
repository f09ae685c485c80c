// `npm run bench`: a benchmark, not a test. Prints figures measured side by side in one run.
//   --node-only / --browser-only: one half; --dev: the browser half on the dev server instead of a production
//   build; --long-tasks-only: skip the per-backend browser runs; --noise-panel: the long-task run with the noise panel
//   open and one student per noise source (Soft Randomization, Fickle Teacher, Messy Collaboration);
//   --backends=wasm,cpu: only those per-backend browser runs; --no-long-tasks: skip the long-task run;
//   --no-gpu: skip the WebGPU (Dawn on SwiftShader here) autotuned-vs-best-single check, also skipped by the
//   --…-only flags.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchBrowser } from './browser';
import { benchDataNode } from './data';
import { nativeJax } from './native';
import { benchAttackNode, benchNode, benchSimdNode } from './node';

const CIFAR = resolve('..', 'shared', 'data', 'cifar-10-binary-subset.tar.gz');
const dataFile = existsSync(CIFAR) ? CIFAR : undefined;
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

const argv = process.argv.slice(2);
const args = new Set(argv);
// --backends=wasm,cpu: only these per-backend browser runs; --no-long-tasks: skip the long-task run.
const backendList = argv
  .find((a) => a.startsWith('--backends='))
  ?.slice('--backends='.length)
  .split(',');
const fmt = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(0).padStart(6));

if (!args.has('--browser-only')) {
  console.log('Node (default student CNN 16-32-64, MNIST, batch 64): trainer vs bare tfjs loop');
  const rows = await benchNode(['wasm', 'cpu']);
  for (const r of rows) {
    console.log(
      `  ${r.backend.padEnd(5)} bare loop ${fmt(r.bareImgPerSec)} img/s · trainer ${fmt(r.trainerImgPerSec)} img/s · ratio ${r.ratio.toFixed(3)} (${r.steps} steps)`,
    );
  }
  const wasm = rows.find((r) => r.backend === 'wasm');
  const cpu = rows.find((r) => r.backend === 'cpu');
  if (wasm && cpu)
    console.log(`  WASM / CPU training speed: ${(wasm.trainerImgPerSec / cpu.trainerImgPerSec).toFixed(1)}×`);
  const simd = await benchSimdNode();
  console.log(
    `  WASM with the SIMD training kernels ${fmt(simd.on)} img/s vs without (tfjs ops) ${fmt(simd.off)} img/s: ` +
      `${(simd.on / simd.off).toFixed(2)}×`,
  );
}

if (!args.has('--browser-only')) {
  console.log('\nAttack throughput in Node (PGD-20, ε = 0.1, default student, batch 100)');
  for (const r of await benchAttackNode(['wasm', 'cpu'])) {
    console.log(`  ${r.backend.padEnd(5)} ${fmt(r.pgdImgPerSec)} img/s (${r.images} images)`);
  }
  if (!dataFile) console.log(`\nData: ${CIFAR} is absent, data loading not measured`);
  else {
    const r = await benchDataNode(dataFile);
    console.log(`\nData in Node: CIFAR-10 subset (${r.summary})`);
    console.log(
      `  read ${r.readMs.toFixed(0)} ms · gunzip+untar+parse ${r.parseMs.toFixed(0)} ms · loaded set ${mb(r.residentBytes)} (uint8) · ` +
        `peak ArrayBuffer memory while importing ${mb(r.peakArrayBuffers)}, retained ${mb(r.retainedArrayBuffers)}`,
    );
  }
}

if (!args.has('--node-only')) {
  console.log(
    `\nBrowser (headless Chromium, ${args.has('--dev') ? 'dev server' : 'production build'}, training worker, default student, batch 64)`,
  );
  const { backends, longTasks, data } = await benchBrowser({
    dev: args.has('--dev'),
    longTasksOnly: args.has('--long-tasks-only'),
    noisePanel: args.has('--noise-panel'),
    backends: backendList,
    noLongTasks: args.has('--no-long-tasks'),
    dataFile: args.has('--long-tasks-only') ? undefined : dataFile,
  });
  // The native anchor right after the browser runs, in the same window of machine load.
  const wasmRun = backends.find((b) => b.requested === 'wasm' && b.imgPerSec);
  const native = wasmRun ? nativeJax() : null;
  if (data) {
    if (data.error) console.log(`  data loading failed: ${data.error}`);
    else
      console.log(
        `  CIFAR-10 subset: import from file ${data.importMs.toFixed(0)} ms (read, parse, cache write) · from the browser cache ` +
          `${data.cacheMs.toFixed(0)} ms · cache / file ${(data.cacheMs / data.importMs).toFixed(2)} · loaded set ${mb(data.residentBytes)}`,
      );
  }
  for (const b of backends) {
    const got = b.backend ? `${b.backend.name} on ${b.backend.adapter}${b.backend.software ? ' (software)' : ''}` : '';
    console.log(
      `  ${b.requested.padEnd(7)} train ${fmt(b.imgPerSec)} img/s · PGD-20 attack ${fmt(b.pgdImgPerSec)} img/s  ${got}${b.error ? `  error: ${b.error}` : ''}`,
    );
  }
  if (wasmRun && native) {
    if ('error' in native) console.log(`  native JAX anchor not measured: ${native.error}`);
    else
      console.log(
        `  browser WASM ${fmt(wasmRun.imgPerSec)} img/s vs native JAX/XLA (same model, batch 64, Adam, this machine's CPUs) ` +
          `${fmt(native.imgPerSec)} img/s: ratio ${(wasmRun.imgPerSec! / native.imgPerSec).toFixed(2)}`,
      );
  }
  if (longTasks) {
    const what = longTasks.noisePanel
      ? 'live charts, the prediction grid and the noise panel open'
      : 'live charts and the prediction grid';
    console.log(
      `\nMain-thread long tasks (> 50 ms) during an in-browser run with ${what} (${longTasks.runSeconds.toFixed(0)} s, ${longTasks.backend}): ` +
        `${longTasks.count} (longest ${longTasks.longestMs.toFixed(0)} ms)`,
    );
    for (const t of longTasks.tasks)
      console.log(`  at ${t.at.toFixed(1).padStart(6)} s: ${t.ms.toFixed(0).padStart(4)} ms (status ${t.status})`);
    const rate = (n: number) => (n / longTasks.runSeconds).toFixed(2);
    console.log(
      `  events received: ${longTasks.noiseViews} noise views (${rate(longTasks.noiseViews)}/s), ${longTasks.predictionGrids} prediction grids`,
    );
  }
}

// WebGPU in Node (Dawn; SwiftShader on a machine without a GPU): the autotuned small CNN against every single
// formulation, each measured three times round-robin (bench/gpu.ts, which prints the whole device check).
const only = ['--node-only', '--browser-only', '--long-tasks-only'].some((f) => args.has(f));
if (!args.has('--no-gpu') && !only) {
  const gpuArgs = ['--quick', '--only', 'cnn', '--seconds', '3', '--repeat', '3'];
  console.log(`\nWebGPU in Node (bench/gpu.ts ${gpuArgs.join(' ')}): autotuned vs the best single formulation`);
  const r = spawnSync('node', ['scripts/with-vulkan.mjs', 'npx', 'tsx', 'bench/gpu.ts', ...gpuArgs], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = (r.stdout ?? '').split('\n');
  const adapter = lines.find((l) => l.startsWith('WebGPU adapter:'));
  const at = lines.findIndex((l) => l.includes('autotuned / best single'));
  if (r.status !== 0 || at < 0)
    console.log(`  not measured (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').at(-1)}`);
  else {
    if (adapter) console.log(`  ${adapter}`);
    for (const l of lines.slice(at, at + 3)) console.log(`  ${l}`);
  }
}

// `npm run bench`: a benchmark, not a test. Prints figures measured side by side in one run.
//   --node-only / --browser-only: one half; --dev: the browser half on the dev server instead of a production
//   build; --long-tasks-only: skip the per-backend browser runs.
import { benchBrowser } from './browser';
import { benchNode } from './node';

const args = new Set(process.argv.slice(2));
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
}

if (!args.has('--node-only')) {
  console.log(
    `\nBrowser (headless Chromium, ${args.has('--dev') ? 'dev server' : 'production build'}, training worker, default student, batch 64)`,
  );
  const { backends, longTasks } = await benchBrowser({
    dev: args.has('--dev'),
    longTasksOnly: args.has('--long-tasks-only'),
  });
  for (const b of backends) {
    const got = b.backend ? `${b.backend.name} on ${b.backend.adapter}${b.backend.software ? ' (software)' : ''}` : '';
    console.log(`  ${b.requested.padEnd(7)} ${fmt(b.imgPerSec)} img/s  ${got}${b.error ? `  error: ${b.error}` : ''}`);
  }
  if (longTasks) {
    console.log(
      `\nMain-thread long tasks (> 50 ms) during an in-browser run with live charts (${longTasks.runSeconds.toFixed(0)} s, ${longTasks.backend}): ` +
        `${longTasks.count} (longest ${longTasks.longestMs.toFixed(0)} ms)`,
    );
  }
}

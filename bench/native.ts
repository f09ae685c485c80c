// The native CPU anchor (../shared/tools/native-anchor/jax_cnn.py): the default student trained by JAX/XLA on this
// machine's CPUs, for the browser-WASM / native ratio. Runs where a Python with JAX is found: JAX_PY, else .jax/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface NativeAnchor {
  imgPerSec: number;
  python: string;
}

const SCRIPT = resolve('..', 'shared', 'tools', 'native-anchor', 'jax_cnn.py');

export function jaxPython(): string | null {
  const py = process.env.JAX_PY ?? resolve('.jax', 'bin', 'python');
  return existsSync(py) && existsSync(SCRIPT) ? py : null;
}

/** img/s of the best of `runs` runs (each 200 steps at batch 64), or why not. */
export function nativeJax(runs = 2): NativeAnchor | { error: string } {
  const py = jaxPython();
  if (!py)
    return { error: `no JAX Python (set JAX_PY, or make .jax: see ${SCRIPT.replace(/jax_cnn\.py$/, 'README.md')})` };
  let best = 0;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(py, [SCRIPT, '200', '64'], { encoding: 'utf8', timeout: 300_000 });
    const line = r.stdout?.trim().split('\n').at(-1) ?? '';
    try {
      best = Math.max(best, (JSON.parse(line) as { imgPerSec: number }).imgPerSec);
    } catch {
      return { error: `jax_cnn.py failed: ${(r.stderr || line).slice(-300)}` };
    }
  }
  return { imgPerSec: best, python: py };
}

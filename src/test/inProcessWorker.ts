// The real worker code (host.ts) behind a Worker-shaped object, for TrainingClient in Node tests: messages are
// structured-cloned both ways and delivered asynchronously, as across a real worker boundary (Files pass as they
// are: Node's structuredClone turns a File into a nameless Blob, a browser's does not).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackendPreference } from '../core/config/schema';
import { useNodeBackend } from '../cli/nodeBackend';
import type { TuneCache } from '../core/nn/tune/cache';
import { createHost } from '../worker/host';
import type { BackendInfo, BackendName, Command, WorkerEvent } from '../worker/protocol';
import { lockRegistry, singleTabLocks } from '../worker/runLocks';

const clone = <T>(m: T): T => {
  const files = (m as { files?: File[] }).files;
  return files ? { ...structuredClone({ ...m, files: [] }), files } : structuredClone(m);
};

/** Node has wasm and cpu; any other preference gets cpu (the reference backend), as 'auto' would here. */
async function nodeBackend(pref: BackendPreference, avoid: ReadonlySet<BackendName>): Promise<BackendInfo> {
  let name: 'wasm' | 'cpu' = pref === 'wasm' ? 'wasm' : 'cpu';
  if (avoid.has(name)) name = name === 'cpu' ? 'wasm' : 'cpu';
  await useNodeBackend(name);
  return {
    name,
    adapter: `Node ${name}`,
    software: false,
    reason: pref === name ? 'forced by the config' : 'Node test',
  };
}

const fetchAsset = (file: string) =>
  readFile(join(process.cwd(), 'public', 'data', file)).then((b) => new Uint8Array(b));

/** One registry for every in-process worker of a test file: they are tabs of one browser. */
const browserWideLocks = lockRegistry();

/** Terminating it is closing its tab: its locks are released (its run, if any, stays paused forever). */
export function inProcessWorker(): Worker {
  return inProcessWorkerWithHooks().worker;
}

/** The worker and the faults a test can inject into it (as a browser would: a GPU device lost mid-run). */
export function inProcessWorkerWithHooks(opts: { tuneCache?: TuneCache } = {}): {
  worker: Worker;
  loseDevice: (reason: string) => void;
} {
  let alive = true;
  let lose: (reason: string) => void = () => undefined;
  const locks = singleTabLocks(browserWideLocks);
  const w = {
    onmessage: null as ((ev: MessageEvent<WorkerEvent>) => void) | null,
    onerror: null as ((ev: ErrorEvent) => void) | null,
    postMessage(cmd: Command) {
      const copy = clone(cmd);
      setTimeout(() => alive && handle(copy), 0);
    },
    terminate() {
      alive = false;
      locks.releaseAll();
    },
  };
  const handle = createHost({
    post: (e) => {
      const copy = clone(e);
      setTimeout(() => alive && w.onmessage?.({ data: copy } as MessageEvent<WorkerEvent>), 0);
    },
    selectBackend: nodeBackend,
    // One loss per injection, for the backend active at the time.
    deviceLost: () => new Promise<string>((resolve) => (lose = resolve)),
    fetchAsset,
    locks,
    tuneCache: opts.tuneCache,
  });
  return { worker: w as unknown as Worker, loseDevice: (reason) => lose(reason) };
}

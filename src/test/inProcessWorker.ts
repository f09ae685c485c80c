// The real worker code (host.ts) behind a Worker-shaped object, for TrainingClient in Node tests: messages are
// structured-cloned both ways and delivered asynchronously, as across a real worker boundary (Files pass as they
// are: Node's structuredClone turns a File into a nameless Blob, a browser's does not).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackendPreference } from '../core/config/schema';
import { useNodeBackend } from '../cli/nodeBackend';
import { createHost } from '../worker/host';
import type { BackendInfo, Command, WorkerEvent } from '../worker/protocol';
import { lockRegistry, singleTabLocks } from '../worker/runLocks';

const clone = <T>(m: T): T => {
  const files = (m as { files?: File[] }).files;
  return files ? { ...structuredClone({ ...m, files: [] }), files } : structuredClone(m);
};

/** Node has wasm and cpu; any other preference gets cpu (the reference backend), as 'auto' would here. */
async function nodeBackend(pref: BackendPreference): Promise<BackendInfo> {
  const name = pref === 'wasm' ? 'wasm' : 'cpu';
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
  let alive = true;
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
    fetchAsset,
    locks,
  });
  return w as unknown as Worker;
}

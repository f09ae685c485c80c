// The one TrainingClient, created on first use (so importing the store never spawns a worker: tests, SSR).
import { TrainingClient } from '../../worker/client';
import type { WorkerEvent } from '../../worker/protocol';

let client: TrainingClient | null = null;
let sink: ((e: WorkerEvent) => void) | null = null;
let workerFactory: (() => Worker) | undefined;

/** Node tests: the store's client talks to the real worker code in-process (src/test/inProcessWorker.ts). */
export function setWorkerFactory(factory: () => Worker): void {
  workerFactory = factory;
}

/** Where worker events go; set once by the store. */
export function setEventSink(fn: (e: WorkerEvent) => void): void {
  sink = fn;
}

export function getClient(): TrainingClient {
  if (!client) {
    client = new TrainingClient(workerFactory);
    client.on((e) => sink?.(e));
  }
  return client;
}

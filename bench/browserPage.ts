// Runs one config in the real training worker and exposes the events to the benchmark driver; also times
// loading a data set from picked files and from the browser cache, each in a fresh worker.
import type { WorkerEvent } from '../src/worker/protocol';
import { TrainingClient } from '../src/worker/client';

declare global {
  interface Window {
    runBench(config: unknown, attackEps?: number): Promise<WorkerEvent[]>;
    benchDataImport(): Promise<{ ms: number; event: WorkerEvent }>;
    benchDataCache(dataset: string): Promise<{ ms: number; event: WorkerEvent }>;
  }
}

/** Trains the config; with `attackEps`, then times a PGD-20 sweep at that ε on the trained models. */
window.runBench = (config: unknown, attackEps?: number) =>
  new Promise((resolve) => {
    const client = new TrainingClient();
    const events: WorkerEvent[] = [];
    const finish = () => {
      client.terminate();
      resolve(events);
    };
    client.on((e) => {
      events.push(e);
      if (e.type === 'done' && attackEps) {
        const attack = { kind: 'pgd' as const, eps: attackEps, stepSize: attackEps / 4, steps: 20, randomStart: true };
        client.attack({ type: 'attack-sweep', attack, epsList: [attackEps], subset: 100, source: null, seed: 1 });
      } else if (['done', 'error', 'invalid', 'stopped', 'attack-sweep', 'attack-error'].includes(e.type)) finish();
    });
    client.start(config);
  });

/** Times one data command in a fresh worker (nothing in its memory) until the data set is described. */
function timeData(send: (c: TrainingClient) => void): Promise<{ ms: number; event: WorkerEvent }> {
  return new Promise((resolve) => {
    const client = new TrainingClient();
    const t0 = performance.now();
    client.on((e) => {
      if (e.type === 'data-loaded' || e.type === 'data-error') {
        const ms = performance.now() - t0;
        client.terminate();
        resolve({ ms, event: e });
      }
    });
    send(client);
  });
}

window.benchDataImport = () => {
  const input = document.getElementById('files') as HTMLInputElement;
  return timeData((c) => c.importData([...(input.files ?? [])], 'mnist'));
};

window.benchDataCache = (dataset: string) =>
  timeData((c) => c.loadData({ dataset, trainSize: 50000, testSize: 10000, augment: 'none' } as never, 1));

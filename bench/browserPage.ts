// Runs one config in the real training worker and exposes the events to the benchmark driver.
import type { WorkerEvent } from '../src/worker/protocol';
import { TrainingClient } from '../src/worker/client';

declare global {
  interface Window {
    runBench(config: unknown): Promise<WorkerEvent[]>;
  }
}

window.runBench = (config: unknown) =>
  new Promise((resolve) => {
    const client = new TrainingClient();
    const events: WorkerEvent[] = [];
    client.on((e) => {
      events.push(e);
      if (e.type === 'done' || e.type === 'error' || e.type === 'invalid' || e.type === 'stopped') {
        client.terminate();
        resolve(events);
      }
    });
    client.start(config);
  });

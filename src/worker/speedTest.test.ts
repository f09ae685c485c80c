// The speed test through the client, on the real worker code and tfjs cpu: it measures, and a run asked for while
// it measures goes first (the test gives up at its next step, the run trains normally).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { inProcessWorker } from '../test/inProcessWorker';
import { TrainingClient } from './client';
import type { WorkerEvent } from './protocol';

function session() {
  const client = new TrainingClient(inProcessWorker);
  const events: WorkerEvent[] = [];
  client.on((e) => events.push(e));
  const until = async (test: (e: WorkerEvent) => boolean, ms = 60_000) => {
    const t0 = Date.now();
    while (!events.some(test)) {
      if (Date.now() - t0 > ms) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
    return events.find(test)!;
  };
  return { client, events, until };
}

const tiny = {
  seed: 3,
  backend: 'cpu',
  data: { dataset: 'synthetic', trainSize: 64, testSize: 16, size: 8, channels: 1 },
  teacher: { model: { family: 'cnn', channels: [4, 4], hidden: 8, dropout: 0.3 }, epochs: 1 },
  student: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0 }, epochs: 1 },
  students: [{ method: 'student-alone' }],
  optimizer: { type: 'adam', lr: 0.01, weightDecay: 0 },
  batchSize: 16,
  attack: { eps: 0.1, stepSize: 0.025, steps: 1, subset: 10, afterRun: false },
};

describe('speed test', () => {
  it('answers with the default student’s img/s on the selected backend', async () => {
    const s = session();
    const id = s.client.speedTest('cpu');
    const e = (await s.until((x) => x.type === 'speed' && x.id === id)) as Extract<WorkerEvent, { type: 'speed' }>;
    expect(e.backend?.name).toBe('cpu');
    expect(e.probe?.imgPerSec).toBeGreaterThan(0);
    s.client.terminate();
  }, 120_000);

  it('a run asked for during the test goes first: the test gives up, the run finishes', async () => {
    const s = session();
    const test = s.client.speedTest('cpu');
    const run = s.client.start(tiny);
    const e = (await s.until((x) => x.type === 'speed' && x.id === test)) as Extract<WorkerEvent, { type: 'speed' }>;
    expect(e.probe).toBeNull();
    expect(e.reason).toBe('a run started');
    await s.until((x) => x.type === 'done' && x.id === run);
    s.client.terminate();
  }, 120_000);
});

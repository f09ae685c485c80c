// Driving the real worker code through its client in tests, as the UI does: a session records every event of
// an in-process worker (src/test/inProcessWorker.ts) and waits for the ones a test needs. Imported by tests only.
import { afterEach } from 'vitest';
import { TrainingClient } from '../worker/client';
import type { WorkerEvent } from '../worker/protocol';
import { inProcessWorker } from './inProcessWorker';

export type Ev<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;

/** A tiny config: 8×8 synthetic images, tiny CNNs; each phase takes a fraction of a second on cpu. */
export const tiny = (over: Record<string, unknown> = {}) => ({
  seed: 3,
  backend: 'cpu',
  data: { dataset: 'synthetic', trainSize: 96, testSize: 32, size: 8, channels: 1 },
  teacher: { model: { family: 'cnn', channels: [4, 4], hidden: 8, dropout: 0.3 }, epochs: 2 },
  student: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0 }, epochs: 2 },
  students: [{ method: 'student-alone' }, { method: 'fickle-teacher' }],
  optimizer: { type: 'adam', lr: 0.01, weightDecay: 0 },
  schedule: 'cosine',
  batchSize: 16,
  attack: { eps: 0.1, stepSize: 0.025, steps: 2, subset: 16 },
  ...over,
});

/** Records every event; `until` resolves with the first (already seen or later) event matching. */
export class Session {
  readonly client: TrainingClient;
  readonly events: WorkerEvent[] = [];
  private waiters: { test: (e: WorkerEvent) => boolean; done: (e: WorkerEvent) => void }[] = [];

  constructor(worker: () => Worker = inProcessWorker) {
    this.client = new TrainingClient(worker);
    this.client.on((e) => {
      this.events.push(e);
      this.waiters = this.waiters.filter((w) => !(w.test(e) && (w.done(e), true)));
    });
  }

  until<T extends WorkerEvent['type']>(type: T, id?: number, ms = 30_000): Promise<Ev<T>> {
    const test = (e: WorkerEvent) => e.type === type && (id === undefined || e.id === id);
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen as Ev<T>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${type}' event within ${ms} ms`)), ms);
      this.waiters.push({ test, done: (e) => (clearTimeout(timer), resolve(e as Ev<T>)) });
    });
  }

  of<T extends WorkerEvent['type']>(type: T, id?: number): Ev<T>[] {
    return this.events.filter((e) => e.type === type && (id === undefined || e.id === id)) as Ev<T>[];
  }

  private pausesSeen = 0;
  /** The next 'paused' of this run after the ones already returned. */
  nextPaused(id: number): Promise<Ev<'paused'>> {
    const n = ++this.pausesSeen;
    return new Promise((resolve) => {
      const tick = () => {
        const p = this.of('paused', id);
        if (p.length >= n) resolve(p[n - 1]);
        else setTimeout(tick, 5);
      };
      tick();
    });
  }

  /** The first 'done', 'stopped' or 'error' of this run. */
  async end(id: number): Promise<WorkerEvent> {
    return Promise.race([this.until('done', id), this.until('stopped', id), this.until('error', id)]);
  }
}

const sessions: Session[] = [];
export const open = (worker?: () => Worker) => {
  const s = new Session(worker);
  sessions.push(s);
  return s;
};
afterEach(() => sessions.splice(0).forEach((s) => s.client.terminate()));

/** Step mode: press Resume after every epoch until the run is done. */
export async function pressOn(s: Session, id: number): Promise<void> {
  for (;;) {
    const ev = await Promise.race([s.until('done', id), s.nextPaused(id)]);
    if (ev.type === 'done') return;
    s.client.resume();
  }
}

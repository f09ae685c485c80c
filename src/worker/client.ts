// Main-thread side of the worker: typed commands out, typed events in. The UI talks only to this.
import type { BackendPreference, DataSpec, RealDatasetName } from '../core/config/schema';
import type { AttackCommand } from './attackProtocol';
import type { Command, WorkerEvent } from './protocol';

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;
export type CommandInput = DistributiveOmit<Command, 'id'>;
export type Listener = (e: WorkerEvent) => void;

/** How long the worker's script may take to load before the client says it did not start. */
export const WORKER_START_MS = 30_000;

export class TrainingClient {
  private worker: Worker;
  private nextId = 1;
  private listeners = new Set<Listener>();
  /** The first init command, answered with the start-up failure if the worker never says hello. */
  private firstInit: number | null = null;
  private startTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    factory: () => Worker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
    startMs = WORKER_START_MS,
  ) {
    this.worker = factory();
    // A module worker whose script never loads (blocked, a stalled download) sends nothing and fires no error:
    // without a bound the badge would say "Detecting…" forever.
    this.startTimer = setTimeout(() => {
      const within = startMs >= 1000 ? `${Math.round(startMs / 1000)} s` : `${startMs} ms`;
      const message = `the training worker did not start within ${within} (its script did not load). Reload the page; if this persists, the browser may be blocking module workers.`;
      this.listeners.forEach((l) => l({ type: 'error', id: this.firstInit ?? 0, code: 'backend', message }));
    }, startMs);
    this.worker.onmessage = (ev: MessageEvent<WorkerEvent>) => {
      clearTimeout(this.startTimer);
      this.listeners.forEach((l) => l(ev.data));
    };
    this.worker.onerror = (ev) =>
      this.listeners.forEach((l) =>
        l({ type: 'error', id: 0, code: 'internal', message: `worker crashed: ${ev.message || 'unknown error'}` }),
      );
  }

  on(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  send(cmd: CommandInput): number {
    const id = this.nextId++;
    this.worker.postMessage({ ...cmd, id } as Command);
    return id;
  }

  init(backend: BackendPreference): number {
    const id = this.send({ type: 'init', backend });
    this.firstInit ??= id;
    return id;
  }
  speedTest(backend: BackendPreference): number {
    return this.send({ type: 'speed-test', backend });
  }
  start(config: unknown, opts: { stepMode?: boolean } = {}): number {
    return this.send({ type: 'start', config, ...opts });
  }
  stepOnce(): number {
    return this.send({ type: 'step-once' });
  }
  setSpeed(delayMs: number): number {
    return this.send({ type: 'set-speed', delayMs });
  }
  pause(): number {
    return this.send({ type: 'pause' });
  }
  resume(): number {
    return this.send({ type: 'resume' });
  }
  stop(): number {
    return this.send({ type: 'stop' });
  }
  /** The noise panel opened or closed. */
  noiseView(on: boolean): number {
    return this.send({ type: 'noise-view-subscribe', on });
  }
  dataCatalog(): number {
    return this.send({ type: 'data-catalog' });
  }
  loadData(spec: DataSpec, seed: number): number {
    return this.send({ type: 'data-load', spec, seed });
  }
  importData(files: File[], idxAs: 'mnist' | 'fashion-mnist'): number {
    return this.send({ type: 'data-import', files, idxAs });
  }
  clearData(dataset: RealDatasetName | null): number {
    return this.send({ type: 'data-clear', dataset });
  }
  /** Attack-lab commands (see attackProtocol.ts); answers carry the returned id. */
  attack(cmd: DistributiveOmit<AttackCommand, 'id'>): number {
    return this.send(cmd);
  }
  resumeInfo(): number {
    return this.send({ type: 'resume-info' });
  }
  resumeRun(runKey?: string): number {
    return this.send({ type: 'resume-run', runKey });
  }
  discardCheckpoint(runKey?: string): number {
    return this.send({ type: 'discard-checkpoint', runKey });
  }
  exportModel(modelId: string): number {
    return this.send({ type: 'model-export', modelId });
  }
  importModels(files: File[], data: DataSpec, seed: number): number {
    return this.send({ type: 'model-import', files, data, seed });
  }
  terminate(): void {
    clearTimeout(this.startTimer);
    this.worker.terminate();
  }
}

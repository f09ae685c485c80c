// Main-thread side of the worker: typed commands out, typed events in. The UI talks only to this.
import type { BackendPreference, DataSpec, RealDatasetName } from '../core/config/schema';
import type { AttackCommand } from './attackProtocol';
import type { Command, WorkerEvent } from './protocol';

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;
export type CommandInput = DistributiveOmit<Command, 'id'>;
export type Listener = (e: WorkerEvent) => void;

export class TrainingClient {
  private worker: Worker;
  private nextId = 1;
  private listeners = new Set<Listener>();

  constructor(factory: () => Worker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })) {
    this.worker = factory();
    this.worker.onmessage = (ev: MessageEvent<WorkerEvent>) => this.listeners.forEach((l) => l(ev.data));
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
    return this.send({ type: 'init', backend });
  }
  start(config: unknown, opts: { stepMode?: boolean } = {}): number {
    return this.send({ type: 'start', config, ...opts });
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
    this.worker.terminate();
  }
}

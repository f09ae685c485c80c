// The model/lab owner: the trained models of the last run (and imported ones), their labels and data set, the
// teacher cache, and the attack lab's one-at-a-time queue. The run owner fills it phase by phase.
import type { DataSpec } from '../core/config/schema';
import { loadDataset } from '../core/data/load';
import type { Dataset } from '../core/data/types';
import type { Model } from '../core/nn/model';
import { decodeModelFile, encodeModelFile, loadModel, saveModel } from '../core/nn/serialize';
import { StoppedError } from '../core/train/control';
import { inputInfo } from '../core/train/trainer';
import type { AttackCommand, ModelRef } from './attackProtocol';
import { runAttackCommand, type Lab } from './attacks';
import type { BackendOwner } from './backendOwner';
import { realData } from './data';
import type { WorkerEnv } from './env';
import { TeacherCache } from './teachers';

type Label = { label: string; kind: 'teacher' | 'student' };
/** What the run owner says about training, so the lab refuses to attack models that are changing. */
export type RunState = 'idle' | 'training' | 'paused';

export class ModelLab {
  /** Trained teachers by everything that determines them, so a new set of students skips teacher training. */
  readonly teachers = new TeacherCache();
  private models = new Map<string, Model>();
  private labels = new Map<string, Label>();
  private data: Dataset | null = null;
  /** Attack commands run one at a time; a new run waits for the current one to stop. */
  private queue: Promise<void> = Promise.resolve();
  private stopFlag = false;

  constructor(
    private readonly env: WorkerEnv,
    private readonly backends: BackendOwner,
    private readonly runState: () => RunState,
  ) {}

  /** Disposes every model (cached teachers too) except `keep`. */
  disposeAll(keep: Set<Model> = new Set()): void {
    for (const m of new Set([...this.models.values(), ...this.teachers.owned()])) if (!keep.has(m)) m.dispose();
    this.models = new Map();
    this.teachers.retain(keep);
  }

  /** A run takes over: stop the lab, keep only reused teachers; the returned map is filled phase by phase. */
  async beginRun(data: Dataset, reuse: Map<string, Model>): Promise<Map<string, Model>> {
    await this.stopAttacks();
    this.disposeAll(new Set(reuse.values()));
    this.data = data;
    this.labels.clear();
    return this.models;
  }

  /** The run's final models (kept for attacks and export); none after a failed or stopped run. */
  endRun(models: Map<string, Model> | null): void {
    this.models = models ?? new Map(); // the trainer disposed the models of a failed or stopped run
  }

  setLabel(id: string, label: string, kind: Label['kind']): void {
    this.labels.set(id, { label, kind });
  }

  attack(cmd: AttackCommand): void {
    if (cmd.type === 'attack-stop') {
      this.stopFlag = true;
      return;
    }
    const run = async () => {
      this.stopFlag = false;
      try {
        await runAttackCommand(cmd, this.lab(), this.env.post, () => this.stopFlag);
      } catch (e) {
        if (e instanceof StoppedError) this.env.post({ type: 'attack-stopped', id: cmd.id });
        else this.env.post({ type: 'attack-error', id: cmd.id, message: (e as Error).message || String(e) });
      }
    };
    this.queue = this.queue.then(run, run);
  }

  /** Stops the running attack and waits for the queue: the lab must not hold models a run will dispose. */
  private async stopAttacks(): Promise<void> {
    this.stopFlag = true;
    await this.queue;
    this.stopFlag = false;
  }

  private lab(): Lab {
    if (this.runState() === 'training') {
      throw new Error(
        'A run is training: pause it (the lab attacks the models trained so far) or wait until it finishes.',
      );
    }
    if (!this.data || this.models.size === 0)
      throw new Error('Train first: the lab attacks the models of the last run.');
    const refs = [...this.models.keys()].map((id) => ({ id, ...this.labelOf(id) }));
    return { models: this.models, refs, data: this.data };
  }

  private labelOf(id: string): Label {
    return this.labels.get(id) ?? { label: id, kind: 'student' };
  }

  async exportModel(id: number, modelId: string): Promise<void> {
    const m = this.models.get(modelId);
    if (!m) throw new Error(`no trained model "${modelId}" to export`);
    const info = this.labels.get(modelId);
    const saved = { ...(await saveModel(m)), meta: { label: info?.label ?? modelId, kind: info?.kind ?? 'student' } };
    const slug = (info?.label ?? modelId).replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '');
    this.env.post({ type: 'model-file', id, fileName: `${slug || 'model'}.kdnpm`, bytes: encodeModelFile(saved) });
  }

  /** Adds models from .kdnpm files to the lab, on the data set the UI names (loaded as for a run). */
  async importModels(id: number, files: File[], spec: DataSpec, seed: number): Promise<void> {
    if (this.runState() !== 'idle')
      throw new Error('A run is in progress: wait for it to finish (or stop it) before importing models.');
    await this.backends.ensure(id, this.backends.preference);
    const data =
      this.data && this.models.size
        ? this.data
        : await loadDataset(spec, seed, this.env.fetchAsset, async (ds) => (await realData(ds, () => undefined)).data);
    const added: ModelRef[] = [];
    for (const f of files) {
      const saved = decodeModelFile(new Uint8Array(await f.arrayBuffer()), f.name);
      const m = loadModel(saved, inputInfo(data)); // throws if the model does not fit this data set
      const meta = (saved.meta ?? {}) as { label?: string; kind?: 'teacher' | 'student' };
      let modelId = `imported-${f.name.replace(/\.kdnpm$/, '')}`;
      for (let k = 2; this.models.has(modelId); k++) modelId = `imported-${f.name}-${k}`;
      this.models.set(modelId, m);
      const ref: ModelRef = { id: modelId, label: `Imported: ${meta.label ?? f.name}`, kind: meta.kind ?? 'student' };
      this.setLabel(modelId, ref.label, ref.kind);
      added.push(ref);
    }
    this.data = data;
    this.env.post({ type: 'models-imported', id, models: added });
  }
}

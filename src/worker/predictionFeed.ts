// The live prediction grid's feed: after every epoch, every model the run holds so far (finished ones and the one in
// training, in phase order) on the run's fixed preview images, read with `await data()`, one grid at a time.
import type { ExperimentConfig } from '../core/config/schema';
import type { Dataset } from '../core/data/types';
import type { Model } from '../core/nn/model';
import type { EpochMetrics, PhaseInfo } from '../core/train/events';
import { planPhases, type PlannedPhase } from '../core/train/plan';
import { predictImages, previewImages } from '../core/train/predictions';
import type { PredictionGrid, WorkerEvent } from './protocol';

export class PredictionFeed {
  private readonly planned: PlannedPhase[];
  private readonly preview: ReturnType<typeof previewImages>;
  private readonly labels = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();
  private over = false;

  constructor(
    private readonly id: number,
    cfg: ExperimentConfig,
    private readonly data: Dataset,
    private readonly models: Map<string, Model>,
    private readonly post: (e: WorkerEvent) => void,
  ) {
    this.planned = planPhases(cfg);
    this.preview = previewImages(data, cfg.seed);
  }

  phase(info: PhaseInfo): void {
    this.labels.set(info.id, info.label);
  }

  /** An epoch ended: the grid after it, computed after the grids before it. */
  epoch(m: EpochMetrics): void {
    const phase = this.planned.find((p) => p.id === m.id);
    if (!phase) return;
    this.queue = this.queue.then(() => this.send(phase, m.epoch));
  }

  /** The cell finished: its last grids are sent (its models stay with the lab). */
  settled(): Promise<void> {
    return this.queue;
  }

  /** The cell stopped or failed: grids not yet computed are dropped (its models are disposed). */
  drop(): void {
    this.over = true;
  }

  private async send(phase: PlannedPhase, epoch: number): Promise<void> {
    if (this.over) return;
    const { data } = this;
    const shape: [number, number, number] = [data.height, data.width, data.channels];
    const { batch, pixels } = this.preview;
    const models: PredictionGrid['models'] = [];
    try {
      for (const p of this.planned) {
        const model = this.models.get(p.id);
        if (!model) continue;
        const predictions = await predictImages(model, batch.x, batch.size, shape);
        models.push({ id: p.id, label: this.labels.get(p.id) ?? p.label, kind: p.kind, predictions });
      }
    } catch {
      return; // the run stopped or failed meanwhile (its models were disposed)
    }
    if (this.over) return;
    this.post({
      type: 'predictions',
      id: this.id,
      grid: {
        phaseId: phase.id,
        phaseLabel: this.labels.get(phase.id) ?? phase.label,
        epoch,
        epochs: phase.epochs,
        shape,
        classNames: data.classNames,
        images: pixels,
        labels: Array.from(batch.y),
        models,
      },
    });
  }
}

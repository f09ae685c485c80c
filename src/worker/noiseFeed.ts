// The noise panel's feed: while the panel is open and a run holds models, what the model in training's noise sources
// do to the run's first preview image (core/train/noiseView.ts), at most one `noise-view` every NOISE_VIEW_MS. A
// view is asked for when the panel opens, when a phase starts, at each reported step and batch of flipped labels;
// asks that come too soon get one trailing view. Closed, it computes nothing. It reads the models, never trains them.
import type { ExperimentConfig } from '../core/config/schema';
import type { Dataset } from '../core/data/types';
import type { Model } from '../core/nn/model';
import { stream, type Rng } from '../core/rng';
import type { LabelFlips, PhaseInfo, StepSample } from '../core/train/events';
import { noiseView } from '../core/train/noiseView';
import { planPhases, type PlannedPhase } from '../core/train/plan';
import { previewImages } from '../core/train/predictions';
import type { WorkerEvent } from './protocol';

/** At most ~3 views a second. */
export const NOISE_VIEW_MS = 333;

interface Cell {
  id: number;
  seed: number;
  planned: PlannedPhase[];
  data: Dataset;
  models: Map<string, Model>;
  image: Float32Array;
  trueLabel: number;
}

interface Current {
  phase: PlannedPhase;
  info: PhaseInfo;
  rngs: { noise: Rng; dropout: Rng };
  epoch: number;
  step: number;
  flips: LabelFlips | null;
}

export class NoiseFeed {
  private open = false;
  private cell: Cell | null = null;
  private current: Current | null = null;
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private busy = false;
  private again = false;

  constructor(private readonly post: (e: WorkerEvent) => void) {}

  /** The panel opened (a view now, if a run holds models) or closed (nothing more is computed). */
  subscribe(on: boolean): void {
    this.open = on;
    if (on) this.ask();
    else this.cancel();
  }

  /** A cell's models (the map the trainer fills as phases start) and data. */
  begin(id: number, cfg: ExperimentConfig, data: Dataset, models: Map<string, Model>): void {
    const { batch } = previewImages(data, cfg.seed, 1);
    this.cell = { id, seed: cfg.seed, planned: planPhases(cfg), data, models, image: batch.x, trueLabel: batch.y[0] };
    this.current = null;
  }

  phase(info: PhaseInfo): void {
    const phase = this.cell?.planned.find((p) => p.id === info.id);
    if (!this.cell || !phase) return;
    // The view's own streams (owner "view/<id>"): drawing from them never moves the training streams.
    const owner = `view/${info.id}`;
    const rngs = { noise: stream(this.cell.seed, 'noise', owner), dropout: stream(this.cell.seed, 'dropout', owner) };
    this.current = { phase, info, rngs, epoch: 0, step: 0, flips: null };
    this.ask();
  }

  step(s: StepSample): void {
    if (this.current?.info.id !== s.id) return;
    this.current.epoch = s.epoch;
    this.current.step = s.step;
    this.ask();
  }

  flips(f: LabelFlips): void {
    if (this.current?.info.id !== f.id) return;
    this.current.flips = f;
    this.ask();
  }

  /** The cell is over (finished, stopped or failed): its models are no longer ours to read. */
  end(): void {
    this.cell = null;
    this.current = null;
    this.cancel();
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.again = false;
  }

  private ask(): void {
    if (!this.open || !this.cell || !this.current || this.timer) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    const wait = this.last + NOISE_VIEW_MS - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.ask();
      }, wait);
      return;
    }
    void this.send();
  }

  private async send(): Promise<void> {
    const cell = this.cell!;
    const cur = this.current!;
    this.busy = true;
    this.last = performance.now();
    try {
      const { data } = cell;
      const shape: [number, number, number] = [data.height, data.width, data.channels];
      const model = cell.models.get(cur.phase.id) ?? null;
      const teacher = cur.phase.teacherId ? (cell.models.get(cur.phase.teacherId) ?? null) : null;
      const view = await noiseView({
        recipe: cur.phase.recipe,
        model,
        teacher,
        image: cell.image,
        shape,
        rngs: cur.rngs,
      });
      if (this.cell !== cell || this.current !== cur || !this.open) return; // the run moved on meanwhile
      this.post({
        type: 'noise-view',
        id: cell.id,
        view: {
          ...view,
          modelId: cur.info.id,
          label: cur.info.label,
          kind: cur.info.kind,
          epoch: cur.epoch,
          step: cur.step,
          stepsPerEpoch: cur.info.stepsPerEpoch,
          shape,
          classNames: data.classNames,
          trueLabel: cell.trueLabel,
          labelNoise: cur.phase.labelNoise,
          teacherLabelNoise: cur.phase.recipe.kd ? cur.phase.recipe.teacherLabelNoise : 0,
          flips: cur.flips,
        },
      });
    } catch {
      // The run stopped or failed while this view was computed (its models were disposed): nothing to show.
    } finally {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.ask();
      }
    }
  }
}

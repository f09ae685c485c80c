// Messages of the attack and robustness lab (part of the worker protocol). Images cross as uint8 HWC so the UI
// can draw them directly; every result carries what is needed to export it (spec, seed, subset size, labels).
import type { AttackSpec, EpsSweep, Prediction } from '../core/attacks';
import type { Corruption, CorruptionAccuracy, Severity } from '../core/robustness';

export interface ModelRef {
  id: string;
  label: string;
  kind: 'teacher' | 'student';
}

export interface GalleryPick {
  mode: 'random' | 'class' | 'correct';
  count: number;
  /** For mode 'class'. */
  cls?: number;
  seed: number;
}

export type AttackCommand =
  | { type: 'attack-gallery'; id: number; attack: AttackSpec; source: string; pick: GalleryPick }
  /** Robust accuracy over ε for every model: white-box (source null) or transferred from one source model. */
  | {
      type: 'attack-sweep';
      id: number;
      attack: AttackSpec;
      epsList: number[];
      subset: number;
      source: string | null;
      seed: number;
    }
  | { type: 'corruptions'; id: number; subset: number; corruptions: Corruption[]; severities: Severity[]; seed: number }
  /** Every corruption at every severity applied to one test image. */
  | { type: 'corruption-preview'; id: number; index: number; seed: number }
  | { type: 'attack-stop'; id: number };

export interface GalleryImage {
  index: number;
  label: number;
  original: Uint8Array;
  adversarial: Uint8Array;
  /** 128 + 127·δ/ε: mid-grey is unchanged. */
  perturbation: Uint8Array;
  /** Largest |δ| in this image, in pixel units [0,1]. */
  maxAbs: number;
  before: Record<string, Prediction>;
  after: Record<string, Prediction>;
}

export interface GalleryResult {
  attack: AttackSpec;
  source: string;
  models: ModelRef[];
  shape: [number, number, number];
  classNames: string[];
  items: GalleryImage[];
  seed: number;
  seconds: number;
}

export interface SweepResult {
  attack: AttackSpec;
  /** null: white-box per model; else the id of the model the examples were crafted on. */
  source: string | null;
  models: ModelRef[];
  sweep: EpsSweep;
  seconds: number;
  /** Attacked images per second (all models, all ε). */
  imgPerSec: number;
}

export interface CorruptionResult {
  models: ModelRef[];
  result: CorruptionAccuracy;
  seconds: number;
}

export interface CorruptionPreview {
  index: number;
  label: number;
  shape: [number, number, number];
  original: Uint8Array;
  /** [corruption][severity − 1] images. */
  images: Record<Corruption, Uint8Array[]>;
}

export type AttackTask = 'gallery' | 'sweep' | 'corruptions' | 'preview';

export type AttackEvent =
  | { type: 'attack-progress'; id: number; task: AttackTask; done: number; total: number; etaSeconds: number | null }
  | { type: 'attack-gallery'; id: number; result: GalleryResult }
  | { type: 'attack-sweep'; id: number; result: SweepResult }
  | { type: 'corruptions'; id: number; result: CorruptionResult }
  | { type: 'corruption-preview'; id: number; preview: CorruptionPreview }
  | { type: 'attack-stopped'; id: number }
  | { type: 'attack-error'; id: number; message: string };

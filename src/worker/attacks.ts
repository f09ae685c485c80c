// The attack and robustness lab in the worker: runs the core evaluations on the models of the last run (or
// of a paused run) and turns their results into plain messages with progress and an ETA.
import * as tf from '@tensorflow/tfjs-core';
import {
  checkAttack,
  craftGallery,
  epsSweep,
  evalSubset,
  transfer,
  withEps,
  type AttackSpec,
  type EpsSweep,
  type Progress,
} from '../core/attacks';
import { hostBatch } from '../core/data/batches';
import type { Dataset } from '../core/data/types';
import { INFERENCE, type Model } from '../core/nn/model';
import { corruptImages, corruptionAccuracy, CORRUPTIONS, SEVERITIES, type Corruption } from '../core/robustness';
import { stream } from '../core/rng';
import { etaThrottle } from './progress';
import type {
  AttackCommand,
  AttackEvent,
  AttackTask,
  CorruptionPreview,
  GalleryPick,
  ModelRef,
} from './attackProtocol';

export interface Lab {
  models: ReadonlyMap<string, Model>;
  refs: ModelRef[];
  data: Dataset;
}

type Post = (e: AttackEvent) => void;

const toUint8 = (x: Float32Array) => Uint8Array.from(x, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));

function progressPoster(post: Post, id: number, task: AttackTask) {
  const report = etaThrottle((done, total, etaSeconds) =>
    post({ type: 'attack-progress', id, task, done, total, etaSeconds }),
  );
  return (p: Progress) => report(p.done, p.total);
}

/** Images for the gallery: random, of one class, or ones the source model gets right (checked in batches). */
async function pickImages(lab: Lab, source: Model, pick: GalleryPick): Promise<number[]> {
  const test = lab.data.test;
  const order = stream(pick.seed, 'attack', 'gallery-pick').shuffle(
    Int32Array.from({ length: test.count }, (_, i) => i),
  );
  if (pick.mode === 'random') return Array.from(order.slice(0, pick.count));
  if (pick.mode === 'class') {
    const cls = pick.cls ?? 0;
    const of = Array.from(order).filter((i) => test.labels[i] === cls);
    if (!of.length) throw new Error(`no test images of class ${lab.data.classNames[cls] ?? cls}`);
    return of.slice(0, pick.count);
  }
  const out: number[] = [];
  const d = lab.data;
  for (let start = 0; start < order.length && out.length < pick.count; start += 200) {
    const n = Math.min(200, order.length - start);
    const b = hostBatch(test, order, start, n, d);
    const pred = tf.tidy(() =>
      tf.argMax(source.apply(tf.tensor4d(b.x, [n, d.height, d.width, d.channels]), INFERENCE), 1),
    );
    const cls = await pred.data();
    pred.dispose();
    for (let i = 0; i < n && out.length < pick.count; i++) if (cls[i] === b.y[i]) out.push(order[start + i]);
  }
  if (!out.length) throw new Error('the source model gets no test image right: train it longer first');
  return out;
}

function modelOf(lab: Lab, id: string): Model {
  const m = lab.models.get(id);
  if (!m) throw new Error(`no trained model "${id}" (train first, or the run was reset)`);
  return m;
}

export async function runAttackCommand(
  cmd: Exclude<AttackCommand, { type: 'attack-stop' }>,
  lab: Lab,
  post: Post,
  shouldStop: () => boolean,
): Promise<void> {
  const t0 = performance.now();
  const d = lab.data;
  const K = d.numClasses;
  switch (cmd.type) {
    case 'attack-gallery': {
      checkAttack(cmd.attack, K);
      const source = modelOf(lab, cmd.source);
      const indices = await pickImages(lab, source, cmd.pick);
      post({ type: 'attack-progress', id: cmd.id, task: 'gallery', done: 0, total: indices.length, etaSeconds: null });
      const items = await craftGallery(lab.models, source, d, d.test, indices, cmd.attack, { seed: cmd.pick.seed });
      post({
        type: 'attack-gallery',
        id: cmd.id,
        result: {
          attack: cmd.attack,
          source: cmd.source,
          models: lab.refs,
          shape: [d.height, d.width, d.channels],
          classNames: d.classNames,
          seed: cmd.pick.seed,
          seconds: (performance.now() - t0) / 1000,
          items: items.map((it) => ({
            index: it.index,
            label: it.label,
            original: toUint8(it.original),
            adversarial: toUint8(it.adversarial),
            perturbation: it.perturbationImage,
            maxAbs: it.perturbation.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
            before: it.before,
            after: it.after,
          })),
        },
      });
      return;
    }
    case 'attack-sweep': {
      checkAttack(cmd.attack, K);
      const subset = evalSubset(d.test, cmd.subset, cmd.seed);
      const onProgress = progressPoster(post, cmd.id, 'sweep');
      const opts = { seed: cmd.seed, shouldStop };
      let sweep: EpsSweep;
      if (cmd.source === null) {
        sweep = await epsSweep(lab.models, d, d.test, subset, cmd.attack, cmd.epsList, { ...opts, onProgress });
      } else {
        sweep = await transferSweep(lab, modelOf(lab, cmd.source), subset, cmd.attack, cmd.epsList, opts, onProgress);
      }
      const seconds = (performance.now() - t0) / 1000;
      const attacked = subset.length * lab.models.size * cmd.epsList.filter((e) => e > 0).length;
      post({
        type: 'attack-sweep',
        id: cmd.id,
        result: {
          attack: cmd.attack,
          source: cmd.source,
          models: lab.refs,
          sweep,
          seconds,
          imgPerSec: attacked / seconds,
        },
      });
      return;
    }
    case 'corruptions': {
      const subset = evalSubset(d.test, cmd.subset, cmd.seed);
      const result = await corruptionAccuracy(lab.models, d, d.test, subset, {
        corruptions: cmd.corruptions,
        severities: cmd.severities,
        seed: cmd.seed,
        shouldStop,
        onProgress: progressPoster(post, cmd.id, 'corruptions'),
      });
      post({
        type: 'corruptions',
        id: cmd.id,
        result: { models: lab.refs, result, seconds: (performance.now() - t0) / 1000 },
      });
      return;
    }
    case 'corruption-preview': {
      const index = Math.min(Math.max(0, Math.floor(cmd.index)), d.test.count - 1);
      const b = hostBatch(d.test, [index], 0, 1, d);
      const shape = { height: d.height, width: d.width, channels: d.channels };
      const images = Object.fromEntries(
        CORRUPTIONS.map((c: Corruption) => [
          c,
          SEVERITIES.map((s) => toUint8(corruptImages(c, b.x, shape, s, cmd.seed, [index]))),
        ]),
      ) as CorruptionPreview['images'];
      post({
        type: 'corruption-preview',
        id: cmd.id,
        preview: { index, label: b.y[0], shape: [d.height, d.width, d.channels], original: toUint8(b.x), images },
      });
      return;
    }
  }
}

/** Transfer robustness over ε: examples crafted on `source` at each ε, evaluated on every model. */
async function transferSweep(
  lab: Lab,
  source: Model,
  subset: Int32Array,
  spec: AttackSpec,
  epsList: number[],
  opts: { seed: number; shouldStop: () => boolean },
  onProgress: (p: Progress) => void,
): Promise<EpsSweep> {
  const d = lab.data;
  const ids = [...lab.models.keys()];
  const models: EpsSweep['models'] = Object.fromEntries(ids.map((id) => [id, []]));
  const clean: Record<string, number> = {};
  for (const [k, eps] of epsList.entries()) {
    const r = await transfer(source, lab.models, d, d.test, subset, withEps(spec, eps), {
      ...opts,
      onProgress: (p) => onProgress({ done: k * p.total + p.done, total: epsList.length * p.total }),
    });
    for (const id of ids) {
      const s = r.models[id];
      clean[id] = s.clean;
      models[id].push({ eps, adv: s.adv, robust: s.robust, advLoss: s.advLoss });
    }
  }
  return { spec, epsList: [...epsList], count: subset.length, seed: opts.seed, clean, models };
}

// FGSM and PGD on single batches: closed form on a linear model, the ε-ball, loss ascent, ε = 0, targeted
// attacks, frozen weights and BN statistics, and no tensor leaks.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../nn/build';
import { INFERENCE, type InputInfo, type Model } from '../nn/model';
import { Rng, stream } from '../rng';
import { fgsm } from './fgsm';
import { perExampleCe } from './objective';
import { pgd } from './pgd';
import { linearModel } from './testModels';
import {
  type AttackSpec,
  attackLabel,
  defaultEpsList,
  defaultPgd,
  type PgdSpec,
  type TargetMode,
  withEps,
} from './types';

const GREY: InputInfo = { height: 8, width: 8, channels: 1, numClasses: 10, mean: [0.5], std: [0.25] };
const COLOUR: InputInfo = { ...GREY, channels: 3, mean: [0.5, 0.4, 0.3], std: [0.25, 0.2, 0.3] };
const B = 16;

function randomBatch(info: InputInfo, n: number, seed: number) {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n * info.height * info.width * info.channels }, () => rng.next());
  const y = Int32Array.from({ length: n }, () => rng.int(info.numClasses));
  return { x, y };
}
const tensor = (info: InputInfo, x: Float32Array) =>
  tf.tensor4d(x, [x.length / (info.height * info.width * info.channels), info.height, info.width, info.channels]);

async function read(t: tf.Tensor, dispose = true): Promise<Float32Array> {
  const v = (await t.data()) as Float32Array;
  if (dispose) t.dispose();
  return v;
}
const meanLoss = (m: Model, x: tf.Tensor4D, y: Int32Array) =>
  read(tf.tidy(() => tf.mean(perExampleCe(m.apply(x, INFERENCE), tf.tensor1d(y, 'int32'))))).then((v) => v[0]);
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('FGSM on a linear softmax model', () => {
  it('equals clamp(x + ε·sign(Wᵀ(softmax(z) − onehot(y))), 0, 1) computed on the host', async () => {
    const info: InputInfo = { height: 4, width: 4, channels: 2, numClasses: 5, mean: [0, 0], std: [1, 1] };
    const D = 32;
    const K = 5;
    const rng = new Rng(7);
    const W = Float64Array.from({ length: D * K }, () => rng.next() * 2 - 1);
    const b = Float64Array.from({ length: K }, () => rng.next() - 0.5);
    const model = linearModel(W, b, info);
    const { x, y } = randomBatch(info, 6, 3);
    const xt = tensor(info, x);
    const eps = 0.1;
    const got = await read(fgsm(model, xt, y, { kind: 'fgsm', eps }));
    let checked = 0;
    for (let n = 0; n < 6; n++) {
      const z = Array.from(
        { length: K },
        (_, k) => b[k] + x.slice(n * D, (n + 1) * D).reduce((s, v, d) => s + v * W[d * K + k], 0),
      );
      const zmax = Math.max(...z);
      const e = z.map((v) => Math.exp(v - zmax));
      const p = e.map((v) => v / e.reduce((s, u) => s + u, 0));
      for (let d = 0; d < D; d++) {
        const g = p.reduce((s, pk, k) => s + W[d * K + k] * (pk - (k === y[n] ? 1 : 0)), 0);
        if (Math.abs(g) < 1e-5) continue; // sign of a float32 near-zero is not meaningful
        const want = Math.min(1, Math.max(0, x[n * D + d] + eps * Math.sign(g)));
        expect(Math.abs(got[n * D + d] - want)).toBeLessThan(1e-6);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
    tf.dispose(xt);
    model.dispose();
  });
});

describe('attacks on a small CNN', () => {
  let cnn: Model;
  let xt: tf.Tensor4D;
  let data: { x: Float32Array; y: Int32Array };
  beforeAll(() => {
    cnn = buildModel({ family: 'cnn', channels: [4, 8], hidden: 16, dropout: 0.5 }, GREY, stream(3, 'init', 'cnn'));
    data = randomBatch(GREY, B, 11);
    xt = tensor(GREY, data.x);
  });
  afterAll(() => {
    cnn.dispose();
    xt.dispose();
  });

  it('ε = 0 leaves the input unchanged (a new tensor) for FGSM and PGD, with and without random start', async () => {
    const before = tf.memory().numTensors;
    const outs = [
      fgsm(cnn, xt, data.y, { kind: 'fgsm', eps: 0 }),
      pgd(cnn, xt, data.y, { kind: 'pgd', eps: 0, stepSize: 0.01, steps: 3, randomStart: true }, new Rng(1)),
      pgd(cnn, xt, data.y, { kind: 'pgd', eps: 0, stepSize: 0.01, steps: 3, randomStart: false }),
    ];
    for (const o of outs) {
      expect(o).not.toBe(xt);
      expect(maxAbsDiff(await read(o), data.x)).toBe(0);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('every PGD iterate stays in the ε-ball and in [0,1], and the batch loss rises on average', async () => {
    const eps = 0.1;
    const spec: PgdSpec = { kind: 'pgd', eps, stepSize: 0.02, steps: 8, randomStart: true };
    const stats: tf.Tensor[] = [];
    const before = tf.memory().numTensors;
    const out = pgd(cnn, xt, data.y, spec, new Rng(5), {
      onIterate: (_k, xa) =>
        stats.push(
          tf.tidy(() =>
            tf.stack([
              tf.max(tf.abs(tf.sub(xa, xt))),
              tf.min(xa),
              tf.max(xa),
              tf.mean(perExampleCe(cnn.apply(xa, INFERENCE), tf.tensor1d(data.y, 'int32'))),
            ]),
          ),
        ),
    });
    expect(stats).toHaveLength(spec.steps + 1);
    const rows = await Promise.all(stats.map((s) => read(s)));
    for (const [dev, lo, hi] of rows) {
      expect(dev).toBeLessThanOrEqual(eps + 1e-6);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
    }
    const losses = rows.map((r) => r[3]);
    const rises = losses.slice(1).map((l, i) => l - losses[i]);
    expect(rises.reduce((a, v) => a + v, 0) / rises.length).toBeGreaterThan(0);
    expect(losses[losses.length - 1]).toBeGreaterThan(losses[0]);
    // The random start moved the input, and the result is the last iterate.
    expect(rows[0][0]).toBeGreaterThan(0.5 * eps);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('PGD reaches at least the FGSM loss at equal ε, and both beat the clean loss', async () => {
    const eps = 0.1;
    const clean = await meanLoss(cnn, xt, data.y);
    const xf = fgsm(cnn, xt, data.y, { kind: 'fgsm', eps });
    const xp = pgd(cnn, xt, data.y, { kind: 'pgd', eps, stepSize: eps / 4, steps: 10, randomStart: false });
    const lf = await meanLoss(cnn, xf, data.y);
    const lp = await meanLoss(cnn, xp, data.y);
    expect(lf).toBeGreaterThan(clean);
    expect(lp).toBeGreaterThanOrEqual(lf);
    expect(maxAbsDiff(await read(xp), data.x)).toBeLessThanOrEqual(eps + 1e-6);
    tf.dispose(xf);
  });

  it('random starts are seeded: same Rng state, same result; another seed, another start', async () => {
    const spec: PgdSpec = { kind: 'pgd', eps: 0.1, stepSize: 0.02, steps: 2, randomStart: true };
    const a = await read(pgd(cnn, xt, data.y, spec, new Rng(9)));
    const b = await read(pgd(cnn, xt, data.y, spec, new Rng(9)));
    const c = await read(pgd(cnn, xt, data.y, spec, new Rng(10)));
    expect(maxAbsDiff(a, b)).toBe(0);
    expect(maxAbsDiff(a, c)).toBeGreaterThan(0);
    expect(() => pgd(cnn, xt, data.y, spec)).toThrow(/randomStart needs an Rng/);
  });

  it('runs the model in inference mode: dropout off (a dropout-0.5 model attacks deterministically)', async () => {
    const a = await read(fgsm(cnn, xt, data.y, { kind: 'fgsm', eps: 0.05 }));
    const b = await read(fgsm(cnn, xt, data.y, { kind: 'fgsm', eps: 0.05 }));
    expect(maxAbsDiff(a, b)).toBe(0);
  });

  const targetProb = (m: Model, x: tf.Tensor4D, t: Int32Array) =>
    read(
      tf.tidy(() =>
        tf.mean(tf.sum(tf.mul(tf.softmax(m.apply(x, INFERENCE)), tf.oneHot(tf.tensor1d(t, 'int32'), 10)), 1)),
      ),
    ).then((v) => v[0]);

  for (const target of [{ mode: 'fixed', class: 3 }, { mode: 'next' }, { mode: 'least-likely' }] as TargetMode[]) {
    it(`targeted (${target.mode}): FGSM and PGD raise the target-class probability`, async () => {
      const logits = await read(cnn.apply(xt, INFERENCE));
      const t = Int32Array.from(data.y, (yi, n) => {
        if (target.mode === 'fixed') return target.class;
        if (target.mode === 'next') return (yi + 1) % 10;
        const row = Array.from(logits.slice(n * 10, (n + 1) * 10));
        return row.indexOf(Math.min(...row));
      });
      const p0 = await targetProb(cnn, xt, t);
      for (const spec of [
        { kind: 'fgsm', eps: 0.1, targeted: true, target },
        { kind: 'pgd', eps: 0.1, stepSize: 0.025, steps: 8, randomStart: false, targeted: true, target },
      ] as AttackSpec[]) {
        const xa = spec.kind === 'fgsm' ? fgsm(cnn, xt, data.y, spec) : pgd(cnn, xt, data.y, spec);
        expect(await targetProb(cnn, xa, t)).toBeGreaterThan(p0);
        xa.dispose();
      }
    });
  }

  it('rejects impossible specs with a field-named message', () => {
    expect(() => fgsm(cnn, xt, data.y, { kind: 'fgsm', eps: -0.1 })).toThrow(/eps must be in \[0, 1\]/);
    expect(() =>
      fgsm(cnn, xt, data.y, { kind: 'fgsm', eps: 0.1, targeted: true, target: { mode: 'fixed', class: 10 } }),
    ).toThrow(/target class must be in 0..9/);
    expect(() =>
      pgd(cnn, xt, data.y, { kind: 'pgd', eps: 0.1, stepSize: 0.1, steps: 1.5, randomStart: false }),
    ).toThrow(/steps must be/);
  });
});

describe('attacks leave the model untouched', () => {
  it('WRN with batch-norm and dropout: weights and BN running statistics are bit-identical after FGSM/PGD', async () => {
    const wrn = buildModel({ family: 'wrn', depth: 10, widen: 1, dropout: 0.3 }, COLOUR, stream(2, 'init', 'wrn'));
    // Non-trivial running statistics, so inference-mode BN actually depends on them.
    const rng = new Rng(4);
    for (const v of wrn.state) {
      const init = tf.randomUniform(v.shape, 0.5, 1.5, 'float32', rng.seed());
      v.assign(init);
      init.dispose();
    }
    const snap = () => Promise.all([...wrn.trainable, ...wrn.state].map((v) => v.data()));
    const { x, y } = randomBatch(COLOUR, 4, 6);
    const xt = tensor(COLOUR, x);
    const before = await snap();
    const tensors = tf.memory().numTensors;
    const specs: AttackSpec[] = [
      { kind: 'fgsm', eps: 8 / 255 },
      { kind: 'pgd', eps: 8 / 255, stepSize: 2 / 255, steps: 2, randomStart: true },
      {
        kind: 'pgd',
        eps: 8 / 255,
        stepSize: 2 / 255,
        steps: 2,
        randomStart: false,
        targeted: true,
        target: { mode: 'least-likely' },
      },
    ];
    for (const s of specs) {
      const xa = s.kind === 'fgsm' ? fgsm(wrn, xt, y, s) : pgd(wrn, xt, y, s, new Rng(3));
      expect(maxAbsDiff(await read(xa), x)).toBeGreaterThan(0);
    }
    expect(tf.memory().numTensors).toBe(tensors);
    const after = await snap();
    before.forEach((v, i) => expect(maxAbsDiff(v, after[i])).toBe(0));
    xt.dispose();
    wrn.dispose();
  });

  it('labels given as a tensor are neither consumed nor disposed', async () => {
    const info: InputInfo = { height: 2, width: 2, channels: 1, numClasses: 3, mean: [0], std: [1] };
    const m = linearModel(
      Array.from({ length: 12 }, (_, i) => Math.sin(i)),
      [0, 0, 0],
      info,
    );
    const { x } = randomBatch(info, 3, 2);
    const xt = tensor(info, x);
    const yt = tf.tensor1d([0, 1, 2], 'int32');
    const before = tf.memory().numTensors;
    tf.dispose([
      fgsm(m, xt, yt, { kind: 'fgsm', eps: 0.1 }),
      pgd(m, xt, yt, { kind: 'pgd', eps: 0.1, stepSize: 0.05, steps: 2, randomStart: true }, new Rng(2)),
    ]);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(await yt.data())).toEqual([0, 1, 2]);
    tf.dispose([xt, yt]);
    m.dispose();
  });
});

describe('spec helpers', () => {
  it('withEps keeps the PGD step/ε ratio; labels; default lists', () => {
    const p = defaultPgd({ channels: 3 });
    expect(p).toMatchObject({ eps: 8 / 255, steps: 20, randomStart: true });
    expect(p.stepSize).toBeCloseTo(2 / 255, 9);
    expect(withEps(p, 16 / 255).stepSize).toBeCloseTo(4 / 255, 9);
    expect(withEps({ kind: 'fgsm', eps: 0.1 }, 0.3)).toEqual({ kind: 'fgsm', eps: 0.3 });
    expect(defaultEpsList({ channels: 3 }).map((e) => Math.round(e * 255))).toEqual([0, 1, 2, 4, 8, 16]);
    expect(attackLabel(p)).toBe('PGD-20 ε=8/255 (rand)');
    expect(attackLabel({ kind: 'fgsm', eps: 0.3, targeted: true, target: { mode: 'next' } })).toBe('FGSM ε=0.3 → next');
  });
});

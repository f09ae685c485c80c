// Gradient checks: our conv2d (custom filter/input gradients) against tfjs's stock conv2d gradients, on the
// cpu backend and on wasm (where routing.ts switches to the explicit-transpose forms).
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../cli/nodeBackend';
import { Rng } from '../../rng';
import { conv2d, convFilterGrad, convInputGrad, samePad } from './conv';
import { preferExplicitTranspose } from './routing';

interface Case {
  b: number;
  h: number;
  w: number;
  ci: number;
  co: number;
  k: number;
  s: number;
}

const CASES: Case[] = [
  { b: 2, h: 5, w: 5, ci: 1, co: 2, k: 3, s: 1 },
  { b: 2, h: 6, w: 6, ci: 3, co: 4, k: 3, s: 1 },
  { b: 2, h: 6, w: 6, ci: 3, co: 4, k: 3, s: 2 },
  { b: 1, h: 7, w: 5, ci: 2, co: 3, k: 3, s: 2 },
  { b: 2, h: 8, w: 8, ci: 4, co: 2, k: 1, s: 1 },
  { b: 2, h: 8, w: 8, ci: 3, co: 5, k: 1, s: 2 }, // strided 1×1 skips the last row/col
  { b: 2, h: 7, w: 7, ci: 2, co: 4, k: 1, s: 2 },
  { b: 3, h: 4, w: 9, ci: 5, co: 3, k: 3, s: 1 },
  { b: 2, h: 6, w: 5, ci: 2, co: 2, k: 2, s: 1 }, // even kernel: falls back to conv2dTranspose for dx
];

const name = (c: Case) => `x ${c.b}×${c.h}×${c.w}×${c.ci}, ${c.k}×${c.k}×${c.ci}→${c.co}, stride ${c.s}`;

interface Host {
  x: Float32Array;
  w: Float32Array;
  dy: Float32Array;
  xShape: [number, number, number, number];
  wShape: [number, number, number, number];
  dyShape: [number, number, number, number];
}

function hostCase(c: Case, seed: number): Host {
  const rng = new Rng(seed);
  const rand = (n: number) => Float32Array.from({ length: n }, () => rng.next() * 2 - 1);
  const ho = Math.ceil(c.h / c.s);
  const wo = Math.ceil(c.w / c.s);
  return {
    x: rand(c.b * c.h * c.w * c.ci),
    w: rand(c.k * c.k * c.ci * c.co),
    dy: rand(c.b * ho * wo * c.co),
    xShape: [c.b, c.h, c.w, c.ci],
    wShape: [c.k, c.k, c.ci, c.co],
    dyShape: [c.b, ho, wo, c.co],
  };
}

interface Result {
  y: Float32Array;
  dx: Float32Array;
  dw: Float32Array;
}

async function read(ts: tf.Tensor[]): Promise<Float32Array[]> {
  const out = await Promise.all(ts.map(async (t) => Float32Array.from(await t.data())));
  tf.dispose(ts);
  return out;
}

/** Forward value and gradients of Σ dy·conv(x, w) under a given conv implementation. */
async function gradsOf(h: Host, conv: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D): Promise<Result> {
  const x = tf.tensor4d(h.x, h.xShape);
  const w = tf.tensor4d(h.w, h.wShape);
  const dy = tf.tensor4d(h.dy, h.dyShape);
  const y = conv(x, w);
  const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => conv(a as tf.Tensor4D, b as tf.Tensor4D))([x, w], dy);
  const [yv, dxv, dwv] = await read([y, dx, dw]);
  tf.dispose([x, w, dy]);
  return { y: yv, dx: dxv, dw: dwv };
}

const stock = (s: number) => (x: tf.Tensor4D, w: tf.Tensor4D) => tf.conv2d(x, w, s, 'same');
const ours = (s: number) => (x: tf.Tensor4D, w: tf.Tensor4D) => conv2d(x, w, s);

/** max |a − b| relative to max |b| (b the reference). */
function relErr(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / Math.max(m, 1e-12);
}

const TOL = 1e-4;

describe('samePad (TensorFlow "same" convention)', () => {
  it('puts the extra pixel at the end', () => {
    expect(samePad(5, 3, 1)).toEqual({ out: 5, before: 1, after: 1 });
    expect(samePad(8, 3, 2)).toEqual({ out: 4, before: 0, after: 1 });
    expect(samePad(7, 3, 2)).toEqual({ out: 4, before: 1, after: 1 });
    expect(samePad(8, 1, 2)).toEqual({ out: 4, before: 0, after: 0 });
    expect(samePad(6, 2, 1)).toEqual({ out: 6, before: 0, after: 1 });
  });
});

describe('conv2d custom gradients on cpu', () => {
  it('routes to the stock forms on cpu', () => {
    expect(tf.getBackend()).toBe('cpu');
    expect(preferExplicitTranspose()).toBe(false);
  });

  CASES.forEach((c, i) => {
    it(`matches tfjs's gradients: ${name(c)}`, async () => {
      const h = hostCase(c, 100 + i);
      const ref = await gradsOf(h, stock(c.s));
      const got = await gradsOf(h, ours(c.s));
      expect(relErr(got.y, ref.y)).toBeLessThan(TOL);
      expect(relErr(got.dx, ref.dx)).toBeLessThan(TOL);
      expect(relErr(got.dw, ref.dw)).toBeLessThan(TOL);

      // The building blocks on their own.
      const [dw, dx] = await read(
        tf.tidy(() => {
          const x = tf.tensor4d(h.x, h.xShape);
          const w = tf.tensor4d(h.w, h.wShape);
          const dy = tf.tensor4d(h.dy, h.dyShape);
          return [convFilterGrad(x, dy, c.k, c.k, c.s), convInputGrad(dy, w, h.xShape, c.s)];
        }),
      );
      expect(relErr(dw, ref.dw)).toBeLessThan(TOL);
      expect(relErr(dx, ref.dx)).toBeLessThan(TOL);
    });
  });

  it('does not leak tensors', async () => {
    const h = hostCase(CASES[3], 1);
    await gradsOf(h, ours(2)); // warm-up
    const before = tf.memory().numTensors;
    await gradsOf(h, ours(2));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('conv2d custom gradients on wasm (explicit-transpose path)', () => {
  const refs: Result[] = [];
  const hosts: Host[] = [];
  beforeAll(async () => {
    // References from the stock cpu kernels (wasm has no Conv2DBackpropFilter).
    expect(tf.getBackend()).toBe('cpu');
    for (const [i, c] of CASES.entries()) {
      hosts.push(hostCase(c, 200 + i));
      refs.push(await gradsOf(hosts[i], stock(c.s)));
    }
    await useNodeBackend('wasm');
  });
  afterAll(async () => {
    await useNodeBackend('cpu');
  });

  it('routes to the explicit forms on wasm', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(preferExplicitTranspose()).toBe(true);
  });

  CASES.forEach((c, i) => {
    it(`matches the cpu reference: ${name(c)}`, async () => {
      const got = await gradsOf(hosts[i], ours(c.s));
      expect(relErr(got.y, refs[i].y)).toBeLessThan(TOL);
      expect(relErr(got.dx, refs[i].dx)).toBeLessThan(TOL);
      expect(relErr(got.dw, refs[i].dw)).toBeLessThan(TOL);
    });
  });
});

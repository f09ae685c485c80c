// matMulDense against tfjs's stock matMul gradients, on cpu (stock path) and wasm (explicit transposes).
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../cli/nodeBackend';
import { Rng } from '../../rng';
import { matMulDense } from './dense';
import { preferExplicitTranspose } from './routing';

const SHAPES: [number, number, number][] = [
  [3, 5, 4],
  [1, 7, 2],
  [8, 16, 10],
  [5, 1, 3],
  [16, 33, 8],
];

interface Host {
  x: Float32Array;
  w: Float32Array;
  dy: Float32Array;
  m: number;
  k: number;
  n: number;
}

function hostCase([m, k, n]: [number, number, number], seed: number): Host {
  const rng = new Rng(seed);
  const rand = (len: number) => Float32Array.from({ length: len }, () => rng.next() * 2 - 1);
  return { x: rand(m * k), w: rand(k * n), dy: rand(m * n), m, k, n };
}

async function gradsOf(h: Host, mm: (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D) {
  const x = tf.tensor2d(h.x, [h.m, h.k]);
  const w = tf.tensor2d(h.w, [h.k, h.n]);
  const dy = tf.tensor2d(h.dy, [h.m, h.n]);
  const y = mm(x, w);
  const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => mm(a as tf.Tensor2D, b as tf.Tensor2D))([x, w], dy);
  const [yv, dxv, dwv] = await Promise.all([y, dx, dw].map(async (t) => Float32Array.from(await t.data())));
  tf.dispose([x, w, dy, y, dx, dw]);
  return { y: yv, dx: dxv, dw: dwv };
}

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

const stock = (x: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D => tf.matMul(x, w);
const TOL = 1e-4;
const label = ([m, k, n]: [number, number, number]) => `[${m},${k}]·[${k},${n}]`;

describe('matMulDense on cpu', () => {
  it('uses the stock matMul on cpu', () => {
    expect(preferExplicitTranspose()).toBe(false);
  });
  SHAPES.forEach((s, i) => {
    it(`matches tfjs's gradients: ${label(s)}`, async () => {
      const h = hostCase(s, 10 + i);
      const ref = await gradsOf(h, stock);
      const got = await gradsOf(h, matMulDense);
      expect(relErr(got.y, ref.y)).toBeLessThan(TOL);
      expect(relErr(got.dx, ref.dx)).toBeLessThan(TOL);
      expect(relErr(got.dw, ref.dw)).toBeLessThan(TOL);
    });
  });
});

describe('matMulDense on wasm (custom gradient with explicit transposes)', () => {
  const hosts: Host[] = [];
  const refs: Awaited<ReturnType<typeof gradsOf>>[] = [];
  beforeAll(async () => {
    for (const [i, s] of SHAPES.entries()) {
      hosts.push(hostCase(s, 50 + i));
      refs.push(await gradsOf(hosts[i], stock)); // cpu reference
    }
    await useNodeBackend('wasm');
  });
  afterAll(async () => {
    await useNodeBackend('cpu');
  });

  it('routes to the explicit form', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(preferExplicitTranspose()).toBe(true);
  });

  SHAPES.forEach((s, i) => {
    it(`matches the cpu reference: ${label(s)}`, async () => {
      const got = await gradsOf(hosts[i], matMulDense);
      expect(relErr(got.y, refs[i].y)).toBeLessThan(TOL);
      expect(relErr(got.dx, refs[i].dx)).toBeLessThan(TOL);
      expect(relErr(got.dw, refs[i].dw)).toBeLessThan(TOL);
    });
  });

  it('does not leak tensors', async () => {
    await gradsOf(hosts[0], matMulDense);
    const before = tf.memory().numTensors;
    await gradsOf(hosts[0], matMulDense);
    expect(tf.memory().numTensors).toBe(before);
  });
});

// Saved models reproduce the original's outputs bit for bit (inference, and dropout with the same seeds),
// batch-norm running statistics included; model files round-trip and reject damage with messages naming the file.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../config/schema';
import { Rng } from '../rng';
import { buildModel } from './build';
import { INFERENCE, type InputInfo, type Model } from './model';
import { decodeModelFile, encodeModelFile, loadModel, saveModel, type SavedModel } from './serialize';

const input: InputInfo = {
  height: 8,
  width: 8,
  channels: 3,
  numClasses: 10,
  mean: [0.4, 0.5, 0.6],
  std: [0.2, 0.25, 0.3],
};
const cnn: ModelSpec = { family: 'cnn', channels: [3, 5], hidden: 12, dropout: 0.3 };
const wrn: ModelSpec = { family: 'wrn', depth: 10, widen: 1, dropout: 0.2 };

const x = () =>
  tf.tensor4d(
    Float32Array.from({ length: 4 * 8 * 8 * 3 }, (_, i) => ((i * 37) % 101) / 100),
    [4, 8, 8, 3],
  );

/** Logits in inference mode and with dropout on (seeds from a fixed stream), as plain arrays. */
async function outputs(m: Model): Promise<number[][]> {
  const rng = new Rng(9);
  const ts = tf.tidy(() => {
    const xs = x();
    return [m.apply(xs, INFERENCE), m.apply(xs, { dropout: true, bnTraining: false, nextSeed: () => rng.seed() })];
  });
  const out = await Promise.all(ts.map(async (t) => Array.from(await t.data())));
  tf.dispose(ts);
  return out;
}

/** A model whose every variable (BN running statistics included) holds non-default values. */
async function trainedLike(spec: ModelSpec): Promise<Model> {
  const m = buildModel(spec, input, new Rng(3));
  const rng = new Rng(4);
  tf.tidy(() => {
    m.apply(x(), { dropout: true, bnTraining: true, nextSeed: () => rng.seed() }); // updates running stats
    for (const v of [...m.trainable]) v.assign(tf.add(v, tf.randomNormal(v.shape, 0, 0.05, 'float32', rng.seed())));
  });
  return m;
}

async function roundTrip(spec: ModelSpec) {
  const before = tf.memory().numTensors;
  const m = await trainedLike(spec);
  const saved = await saveModel(m);
  const copy = loadModel(saved);
  const viaFile = loadModel(decodeModelFile(encodeModelFile(saved), 'model.kdnpm'), input);
  const [a, b, c] = [await outputs(m), await outputs(copy), await outputs(viaFile)];
  expect(b).toEqual(a);
  expect(c).toEqual(a);
  expect(a[1]).not.toEqual(a[0]); // dropout really ran
  const again = await saveModel(viaFile);
  again.variables.forEach((v, i) => expect(Array.from(v.data)).toEqual(Array.from(saved.variables[i].data)));
  [m, copy, viaFile].forEach((mm) => mm.dispose());
  expect(tf.memory().numTensors).toBe(before);
  return saved;
}

describe('saveModel / loadModel', () => {
  it('CNN: identical outputs after a round trip (in memory and through a file), no tensor leaks', async () => {
    const saved = await roundTrip(cnn);
    expect(saved.variables.map((v) => v.name)).toEqual([
      'conv1/w',
      'conv1/b',
      'conv2/w',
      'conv2/b',
      'fc1/w',
      'fc1/b',
      'fc2/w',
      'fc2/b',
    ]);
  });

  it('WRN with batch norm: running statistics are saved too, and outputs are identical', async () => {
    const saved = await roundTrip(wrn);
    const means = saved.variables.filter((v) => v.name.endsWith('/mean'));
    expect(means.length).toBeGreaterThan(0);
    expect(means.some((v) => v.data.some((d) => d !== 0))).toBe(true); // non-default running stats
  });

  it('saved arrays are copies: later training does not change them', async () => {
    const m = buildModel(cnn, input, new Rng(1));
    const saved = await saveModel(m);
    const first = Array.from(saved.variables[0].data);
    tf.tidy(() => m.trainable[0].assign(tf.add(m.trainable[0], 1)));
    expect(Array.from(saved.variables[0].data)).toEqual(first);
    m.dispose();
  });

  it('rejects mismatched variables and input shapes with clear errors, without leaking', async () => {
    const m = buildModel(cnn, input, new Rng(1));
    const saved = await saveModel(m);
    m.dispose();
    const before = tf.memory().numTensors;
    const other: SavedModel = { ...saved, spec: { ...cnn, hidden: 13 } };
    expect(() => loadModel(other)).toThrow(/"fc1\/w" has shape \[20,12\] \(240 values\); expected \[20,13\]/);
    expect(() => loadModel({ ...saved, variables: saved.variables.slice(1) })).toThrow(
      /7 variables; its spec builds 8/,
    );
    const renamed = saved.variables.map((v, i) => (i === 2 ? { ...v, name: 'conv9/w' } : v));
    expect(() => loadModel({ ...saved, variables: renamed })).toThrow(/variable 2 is "conv9\/w"; expected "conv2\/w"/);
    expect(() => loadModel(saved, { ...input, channels: 1, mean: [0.5], std: [0.5] })).toThrow(
      /expects 8×8×3 images, 10 classes; the data has 8×8×1/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('model files', () => {
  const file = async () => {
    const m = buildModel(wrn, input, new Rng(2));
    const saved = { ...(await saveModel(m)), meta: { label: 'S1: Fickle → teacher', testAcc: 0.5 } };
    m.dispose();
    return { saved, bytes: encodeModelFile(saved) };
  };

  it('round-trips spec, input, meta and every value; the data starts 4-byte aligned', async () => {
    const { saved, bytes } = await file();
    expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe('KDNPM1');
    const headerLen = new DataView(bytes.buffer).getUint32(6, true);
    expect((10 + headerLen) % 4).toBe(0);
    const back = decodeModelFile(bytes, 'a.kdnpm');
    expect(back.spec).toEqual(saved.spec);
    expect(back.input).toEqual(saved.input);
    expect(back.meta).toEqual(saved.meta);
    expect(back.variables.map((v) => [v.name, v.shape])).toEqual(saved.variables.map((v) => [v.name, v.shape]));
    back.variables.forEach((v, i) => expect(v.data).toEqual(saved.variables[i].data));
    // Works on a view into a larger buffer too (e.g. a slice of a bigger upload).
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(decodeModelFile(padded.subarray(3), 'b.kdnpm').variables[0].data).toEqual(saved.variables[0].data);
  });

  it('rejects damaged files with messages naming the file', async () => {
    const { bytes } = await file();
    const headerLen = new DataView(bytes.buffer).getUint32(6, true);
    const dec = (b: Uint8Array) => () => decodeModelFile(b, 'my model.kdnpm');
    expect(dec(bytes.subarray(0, 4))).toThrow(/"my model\.kdnpm" is not a usable KDNP model file: it is only 4 bytes/);
    expect(dec(new TextEncoder().encode('PK\x03\x04 this is a zip file'))).toThrow(/does not start with "KDNPM1"/);
    expect(dec(bytes.subarray(0, 10 + headerLen - 5))).toThrow(/truncated \(the header is cut off\)/);
    expect(dec(bytes.subarray(0, bytes.length - 8))).toThrow(
      /"my model\.kdnpm".*truncated: \d+ bytes of weights expected/,
    );
    const longer = new Uint8Array(bytes.length + 4);
    longer.set(bytes);
    expect(dec(longer)).toThrow(/4 unexpected bytes after the weights/);
    const flipped = bytes.slice();
    flipped[bytes.length - 100] ^= 0x10;
    expect(dec(flipped)).toThrow(/corrupted \(checksum mismatch\)/);
    const badJson = bytes.slice();
    badJson[10] = 0x78; // '{' → 'x'
    expect(dec(badJson)).toThrow(/header is corrupt/);
    const hugeHeader = bytes.slice();
    new DataView(hugeHeader.buffer).setUint32(6, 0xffffffff, true);
    expect(dec(hugeHeader)).toThrow(/implausible/);
  });

  it('rejects headers that parse but make no sense', async () => {
    const { saved } = await file();
    const rewrite = (edit: (h: Record<string, unknown>) => void) => {
      const bytes = encodeModelFile(saved);
      const n = new DataView(bytes.buffer).getUint32(6, true);
      const h = JSON.parse(new TextDecoder().decode(bytes.subarray(10, 10 + n)));
      edit(h);
      const json = new TextEncoder().encode(JSON.stringify(h));
      const out = new Uint8Array(10 + json.length + bytes.length - 10 - n);
      out.set(bytes.subarray(0, 6));
      new DataView(out.buffer).setUint32(6, json.length, true);
      out.set(json, 10);
      out.set(bytes.subarray(10 + n), 10 + json.length);
      return () => decodeModelFile(out, 'x.kdnpm');
    };
    expect(rewrite(() => {})).not.toThrow();
    expect(rewrite((h) => (h.version = 2))).toThrow(/version 2; this app reads version 1/);
    expect(rewrite((h) => (h.spec = { family: 'mlp' }))).toThrow(/model spec is invalid/);
    expect(rewrite((h) => ((h.input as InputInfo).std = [1, 0, 1]))).toThrow(/normalisation/);
    expect(rewrite((h) => ((h.variables as { length: number }[])[1].length = 7))).toThrow(
      /has shape \[.*\] but 7 values/,
    );
    expect(rewrite((h) => (h.variables = []))).toThrow(/lists no variables/);
  });

  it('rejects NaN weights', async () => {
    const { saved } = await file();
    const bad = { ...saved, variables: saved.variables.map((v, i) => (i ? v : { ...v, data: v.data.map(() => NaN) })) };
    expect(() => decodeModelFile(encodeModelFile(bad), 'nan.kdnpm')).toThrow(/"stem\/w" holds NaN/);
  });
});

// Trained models as plain data (for checkpoints and the worker's storage) and as a single downloadable file that
// can be imported back, e.g. to attack it.
//
// File format (.kdnpm), all integers little-endian:
//   bytes 0..5   magic "KDNPM1" (ASCII)
//   bytes 6..9   uint32 H: length of the JSON header in bytes
//   bytes 10..   header, UTF-8 JSON, padded with spaces so the data starts 4-byte aligned:
//                { format: 'kdnp-model', version: 1, spec, input, meta?,
//                  variables: [{ name, shape, offset, length }], dataBytes, crc32 }
//                offset and length count float32 values from the start of the data section
//   then         dataBytes bytes: every variable's values as float32, concatenated in header order;
//                crc32 (IEEE) of that section catches corrupted downloads.
import * as tf from '@tensorflow/tfjs-core';
import { modelSpec, type ModelSpec } from '../config/schema';
import { Rng } from '../rng';
import { buildModel } from './build';
import type { InputInfo, Model } from './model';

export interface SavedVariable {
  /** The variable's name without the per-instance prefix (e.g. "conv1/w", "g0b0/bn1/mean"). */
  name: string;
  shape: number[];
  dtype: 'float32';
  data: Float32Array;
}

export interface SavedModel {
  format: 'kdnp-model';
  version: 1;
  spec: ModelSpec;
  input: InputInfo;
  /** Trainable variables, then state (batch-norm running statistics), in the model's own order. */
  variables: SavedVariable[];
  /** Free-form description carried by model files (label, method, accuracy...). */
  meta?: Record<string, unknown>;
}

const MAGIC = 'KDNPM1';
const PREFIX_BYTES = MAGIC.length + 4;
const MAX_HEADER_BYTES = 16 << 20;

/** A variable's name without the unique per-model prefix, so names match across builds. */
const stableName = (v: tf.Variable) => v.name.slice(v.name.indexOf('/') + 1);

const variablesOf = (m: Model) => [...m.trainable, ...m.state];

/** Copies every variable's values (async reads only; copied because a backend may hand out its own buffer). */
export async function saveModel(model: Model): Promise<SavedModel> {
  const vars = variablesOf(model);
  const data = await Promise.all(vars.map(async (v) => new Float32Array(await v.data())));
  return {
    format: 'kdnp-model',
    version: 1,
    spec: model.spec,
    input: { ...model.input, mean: [...model.input.mean], std: [...model.input.std] },
    variables: vars.map((v, i) => ({ name: stableName(v), shape: [...v.shape], dtype: 'float32', data: data[i] })),
  };
}

/**
 * Rebuilds a saved model. `input`, when given (the data it will see), must match the saved image shape and class
 * count; the saved normalisation (mean, std) is kept either way, since the weights were trained with it.
 */
export function loadModel(saved: SavedModel, input?: InputInfo): Model {
  const inp = saved.input;
  if (input) {
    const fmt = (i: InputInfo) => `${i.height}×${i.width}×${i.channels} images, ${i.numClasses} classes`;
    if (fmt(input) !== fmt(inp)) throw new Error(`The model expects ${fmt(inp)}; the data has ${fmt(input)}`);
  }
  const model = buildModel(saved.spec, inp, new Rng(1)); // initial values are overwritten below
  try {
    const vars = variablesOf(model);
    if (saved.variables.length !== vars.length) {
      throw new Error(`The saved model has ${saved.variables.length} variables; its spec builds ${vars.length}`);
    }
    vars.forEach((v, i) => {
      const s = saved.variables[i];
      if (s.name !== stableName(v)) throw new Error(`Saved variable ${i} is "${s.name}"; expected "${stableName(v)}"`);
      if (s.shape.join() !== v.shape.join() || s.data.length !== v.size) {
        throw new Error(
          `Saved variable "${s.name}" has shape [${s.shape}] (${s.data.length} values); expected [${v.shape}]`,
        );
      }
    });
    tf.tidy(() => vars.forEach((v, i) => v.assign(tf.tensor(saved.variables[i].data, v.shape, 'float32'))));
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/** Total bytes of a saved model's values. */
export function savedModelBytes(saved: SavedModel): number {
  return saved.variables.reduce((n, v) => n + v.data.byteLength, 0);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** float32 values → little-endian bytes. */
function floatsToBytes(src: Float32Array, dst: Uint8Array, at: number): void {
  if (littleEndian) dst.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength), at);
  else {
    const dv = new DataView(dst.buffer, dst.byteOffset);
    for (let i = 0; i < src.length; i++) dv.setFloat32(at + 4 * i, src[i], true);
  }
}

function bytesToFloats(src: Uint8Array, at: number, n: number): Float32Array {
  if (littleEndian) return new Float32Array(src.slice(at, at + 4 * n).buffer);
  const dv = new DataView(src.buffer, src.byteOffset);
  return Float32Array.from({ length: n }, (_, i) => dv.getFloat32(at + 4 * i, true));
}

/** The single-file form of a saved model (format above). */
export function encodeModelFile(saved: SavedModel): Uint8Array {
  let offset = 0;
  const variables = saved.variables.map((v) => {
    const entry = { name: v.name, shape: v.shape, offset, length: v.data.length };
    offset += v.data.length;
    return entry;
  });
  const dataBytes = 4 * offset;
  const data = new Uint8Array(dataBytes);
  saved.variables.forEach((v, i) => floatsToBytes(v.data, data, 4 * variables[i].offset));
  const header = {
    format: saved.format,
    version: saved.version,
    spec: saved.spec,
    input: saved.input,
    ...(saved.meta ? { meta: saved.meta } : {}),
    variables,
    dataBytes,
    crc32: crc32(data),
  };
  let json = new TextEncoder().encode(JSON.stringify(header));
  const pad = (4 - ((PREFIX_BYTES + json.length) % 4)) % 4;
  if (pad) json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(pad));
  const out = new Uint8Array(PREFIX_BYTES + json.length + dataBytes);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
  out.set(json, PREFIX_BYTES);
  out.set(data, PREFIX_BYTES + json.length);
  return out;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;

/** Parses and checks a model file; every error names the file and what is wrong with it. */
export function decodeModelFile(bytes: Uint8Array, fileName: string): SavedModel {
  // Typed explicitly so TypeScript treats calls as assertions (narrowing after `if (...) fail(...)`).
  const fail: (why: string) => never = (why) => {
    throw new Error(`"${fileName}" is not a usable KDNP model file: ${why}`);
  };
  if (bytes.length < PREFIX_BYTES) fail(`it is only ${bytes.length} bytes long`);
  if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    fail(`it does not start with "${MAGIC}" (a file saved by "Download model" does)`);
  }
  const headerBytes = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
  if (headerBytes > MAX_HEADER_BYTES) fail(`its header claims ${headerBytes} bytes, which is implausible`);
  if (PREFIX_BYTES + headerBytes > bytes.length) fail('it is truncated (the header is cut off)');
  let h: unknown;
  try {
    h = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes)),
    );
  } catch (e) {
    return fail(`its header is corrupt (${(e as Error).message})`);
  }
  if (!isObject(h)) return fail('its header is not an object');
  if (h.format !== 'kdnp-model') fail(`its header has format ${JSON.stringify(h.format)}, not "kdnp-model"`);
  if (h.version !== 1) fail(`it has version ${JSON.stringify(h.version)}; this app reads version 1`);
  const spec = modelSpec.safeParse(h.spec);
  if (!spec.success) fail(`its model spec is invalid (${spec.error.issues.map((i) => i.message).join('; ')})`);
  const input = checkInput(h.input, fail);
  if (!Array.isArray(h.variables) || h.variables.length === 0) return fail('it lists no variables');
  if (!isCount(h.dataBytes) || !isCount(h.crc32)) return fail('its header lacks dataBytes or crc32');
  const start = PREFIX_BYTES + headerBytes;
  const have = bytes.length - start;
  if (have < h.dataBytes) fail(`it is truncated: ${h.dataBytes} bytes of weights expected, ${have} found`);
  if (have > h.dataBytes) fail(`it has ${have - h.dataBytes} unexpected bytes after the weights`);
  const data = bytes.subarray(start);
  if (crc32(data) !== h.crc32) fail('its weights are corrupted (checksum mismatch)');
  const dataBytes = h.dataBytes;
  let next = 0;
  const variables: SavedVariable[] = [];
  for (const [i, v] of (h.variables as unknown[]).entries()) {
    const ok =
      isObject(v) &&
      typeof v.name === 'string' &&
      Array.isArray(v.shape) &&
      v.shape.every(isCount) &&
      isCount(v.offset) &&
      isCount(v.length);
    if (!ok) return fail(`variable ${i} in its header is malformed`);
    const { name, shape, offset, length } = v as { name: string; shape: number[]; offset: number; length: number };
    const size = shape.reduce((a, b) => a * b, 1);
    if (length !== size) fail(`variable "${name}" has shape [${shape}] but ${length} values`);
    if (offset !== next) fail(`variable "${name}" does not follow the previous one in the data`);
    next += size;
    if (4 * next > dataBytes) fail(`variable "${name}" runs past the end of the data`);
    variables.push({ name, shape, dtype: 'float32', data: bytesToFloats(data, 4 * offset, size) });
  }
  if (4 * next !== h.dataBytes) fail(`its variables cover ${4 * next} bytes of ${h.dataBytes}`);
  for (const v of variables) if (!v.data.every(Number.isFinite)) fail(`variable "${v.name}" holds NaN or ∞`);
  return {
    format: 'kdnp-model',
    version: 1,
    spec: spec.data!,
    input,
    variables,
    ...(isObject(h.meta) ? { meta: h.meta } : {}),
  };
}

function checkInput(x: unknown, fail: (why: string) => never): InputInfo {
  if (!isObject(x)) return fail('its header has no input description');
  const { height, width, channels, numClasses, mean, std } = x;
  const dims = [height, width, channels, numClasses];
  if (!dims.every((d) => isCount(d) && d > 0)) fail('its input shape is invalid');
  const perChannel = (a: unknown, positive: boolean) =>
    Array.isArray(a) &&
    a.length === channels &&
    a.every((v) => typeof v === 'number' && Number.isFinite(v) && (!positive || v > 0));
  if (!perChannel(mean, false) || !perChannel(std, true)) fail('its input normalisation (mean, std) is invalid');
  return { height, width, channels, numClasses, mean, std } as InputInfo;
}

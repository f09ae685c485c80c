// Share links: a whole experiment (config + a few UI switches) in the URL hash, short and versioned.
//
// Format (version 1):
//
//   #v1.<payload>[&classroom=1][&hide=1][&lock=1][&autostart=1][&step=1]    payload = base64url(deflate-raw(JSON))
//   #v1j.<payload>[&…]                                                      payload = base64url(JSON), readable form
//
// - JSON is the structural diff of the config against V1_BASE (the defaults as they were when v1 was made, frozen
//   here so changing defaults.ts never changes what an old link means): only keys whose value differs; objects
//   recursively; arrays (students, channels) whole if they differ, each student written as a diff against its
//   method's v1 defaults. An object whose discriminator (dataset / family / type / method) differs from the
//   base's is a diff against that variant's v1 base (V1_VARIANTS) and always carries its discriminator. The
//   default config is `#v1j.e30` ("{}").
// - The compressed form shortens field names and method ids by frozen tables (V1_SHORT_KEYS, V1_SHORT_METHODS)
//   before deflating; the decoder expands them in either form, and names it does not know pass through. The
//   encoder emits whichever form is shorter; the decoder reads both, with or without `#`, inside a whole URL, or
//   percent-encoded.
// - Base64url: RFC 4648 §5 alphabet, no padding (padding is tolerated on input).
// - UI flags: `&name=1`, in the order above; names are short and readable; absent means false.
// - Decoding never throws and always yields a valid config plus notices: it merges the JSON onto V1_BASE and runs
//   repairConfig (unknown fields dropped, invalid values reset to defaults, each with a notice). Fields added to
//   the schema after a link was made get their defaults. Unknown versions (`v2.`, `v0.`) are read as v1 with a
//   notice; a hash without a version that holds a JSON object is read as a (partial) config with a notice.
// - Limits: payloads over 20,000 characters are refused, and so is a payload that inflates past 200,000 bytes
//   (decompression bombs are cut off while streaming, not after).
// - Changing the meaning of an existing field, or V1_BASE, needs a v2: keep this decoder for `v1` links.
import { defaultConfig } from './defaults';
import { cleanText, deepEqual, renderValue, repairConfig, type Notice } from './repair';
import type { ExperimentConfig, ExperimentConfigInput } from './schema';

export interface ShareUi {
  /** Big type and a simplified layout for a projector. */
  classroom?: boolean;
  /** Hide the config controls (results only). */
  hideControls?: boolean;
  /** Show the controls but do not allow edits. */
  lockControls?: boolean;
  /** Start training on load. */
  autostart?: boolean;
  /** Pause between phases so a class can follow along. */
  stepMode?: boolean;
}

export interface DecodedShare {
  config: ExperimentConfig;
  ui: Required<ShareUi>;
  /** Empty for a clean link; otherwise what was wrong and what was used instead. */
  notices: Notice[];
}

export const SHARE_VERSION = 1;
export const MAX_PAYLOAD_CHARS = 20_000;
export const MAX_JSON_BYTES = 200_000;

/** URL parameter name of each UI flag, in link order. */
const FLAGS: readonly (readonly [keyof ShareUi, string])[] = [
  ['classroom', 'classroom'],
  ['hideControls', 'hide'],
  ['lockControls', 'lock'],
  ['autostart', 'autostart'],
  ['stepMode', 'step'],
];

/** The defaults when v1 was made. Frozen: v1 links are diffs against exactly this. */
export const V1_BASE = {
  version: 1,
  seed: 1,
  backend: 'auto',
  data: { dataset: 'mnist-10k', trainSize: 8000, testSize: 2000 },
  teacher: { model: { family: 'cnn', channels: [32, 64], hidden: 256, dropout: 0.4 }, epochs: 4 },
  student: { model: { family: 'cnn', channels: [16, 32], hidden: 64, dropout: 0 }, epochs: 4 },
  students: [
    { method: 'student-alone' },
    { method: 'hinton-kd', temperature: 4, alpha: 0.9 },
    { method: 'fickle-teacher', temperature: 4, alpha: 0.9 },
    { method: 'soft-randomization', temperature: 4, alpha: 0.9, sigma: 0.2, clip: false, ceOnClean: false },
  ],
  optimizer: { type: 'adam', lr: 0.002, weightDecay: 0 },
  schedule: 'cosine',
  batchSize: 64,
  attack: { eps: 0.1, stepSize: 0.025, steps: 20, subset: 500 },
} as const satisfies ExperimentConfigInput;

const KD = { temperature: 4, alpha: 0.9 };
/**
 * Frozen v1 bases of the union variants: an object whose discriminator differs from V1_BASE's (and every
 * student) is a diff against its variant's entry here. Data sets and models are what the app switches to
 * (datasetPreset), students are each method's defaults.
 */
const V1_VARIANTS: Record<string, Record<string, Obj>> = {
  data: {
    'mnist-10k': { dataset: 'mnist-10k', trainSize: 8000, testSize: 2000 },
    mnist: { dataset: 'mnist', trainSize: 20000, testSize: 2000, augment: 'none' },
    'fashion-mnist': { dataset: 'fashion-mnist', trainSize: 20000, testSize: 2000, augment: 'none' },
    'cifar-10': { dataset: 'cifar-10', trainSize: 10000, testSize: 2000, augment: 'crop-flip' },
    synthetic: { dataset: 'synthetic', trainSize: 512, testSize: 128, size: 12, channels: 1 },
  },
  'teacher.model': {
    cnn: { family: 'cnn', channels: [32, 64], hidden: 256, dropout: 0.4 },
    wrn: { family: 'wrn', depth: 16, widen: 1, dropout: 0.3 },
  },
  'student.model': {
    cnn: { family: 'cnn', channels: [16, 32], hidden: 64, dropout: 0 },
    wrn: { family: 'wrn', depth: 10, widen: 1, dropout: 0 },
  },
  optimizer: {
    adam: { type: 'adam', lr: 0.002, weightDecay: 0 },
    sgd: { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 5e-4 },
  },
  students: {
    'student-alone': { method: 'student-alone' },
    'gaussian-augmentation': { method: 'gaussian-augmentation', sigma: 0.2, clip: false },
    'hinton-kd': { method: 'hinton-kd', ...KD },
    'fickle-teacher': { method: 'fickle-teacher', ...KD },
    'soft-randomization': { method: 'soft-randomization', ...KD, sigma: 0.2, clip: false, ceOnClean: false },
    'messy-collaboration': { method: 'messy-collaboration', ...KD, rate: 0.2, target: 'S' },
    custom: {
      method: 'custom',
      kd: true,
      ...KD,
      fickle: false,
      inputNoise: 'none',
      sigma: 0.2,
      clip: false,
      ceOnClean: false,
      studentLabelNoise: 0,
      teacherLabelNoise: 0,
    },
  },
};
/** The discriminator of each union in the config, by dotted path ('students' stands for each student). */
const VARIANT_KEY: Record<string, string> = {
  data: 'dataset',
  'teacher.model': 'family',
  'student.model': 'family',
  optimizer: 'type',
  students: 'method',
};

/**
 * Short names used in the compressed form (v1, frozen). Decoding expands them in either form; a name not listed
 * passes through, so fields added later need no entry. No short name may equal a field name (a test checks).
 */
export const V1_SHORT_KEYS: Readonly<Record<string, string>> = {
  version: 'v',
  seed: 's',
  backend: 'b',
  data: 'd',
  dataset: 'n',
  trainSize: 'tr',
  testSize: 'te',
  augment: 'au',
  size: 'sz',
  channels: 'ch',
  teacher: 'T',
  student: 'S',
  model: 'm',
  family: 'f',
  hidden: 'h',
  dropout: 'dr',
  depth: 'dp',
  widen: 'w',
  epochs: 'e',
  students: 'ss',
  method: 'M',
  temperature: 't',
  alpha: 'a',
  sigma: 'sg',
  clip: 'c',
  ceOnClean: 'cc',
  rate: 'r',
  target: 'tg',
  fickle: 'fk',
  inputNoise: 'in',
  studentLabelNoise: 'sl',
  teacherLabelNoise: 'tl',
  optimizer: 'o',
  type: 'y',
  momentum: 'mo',
  weightDecay: 'wd',
  schedule: 'sc',
  batchSize: 'bs',
  attack: 'at',
  eps: 'ep',
  stepSize: 'st',
  steps: 'sn',
  subset: 'sb',
};
/** Short method names (values of `method`) in the compressed form. */
export const V1_SHORT_METHODS: Readonly<Record<string, string>> = {
  'student-alone': 'sa',
  'gaussian-augmentation': 'ga',
  'hinton-kd': 'hk',
  'fickle-teacher': 'ft',
  'soft-randomization': 'sr',
  'messy-collaboration': 'mc',
  custom: 'cu',
};
interface Renames {
  keys: Readonly<Record<string, string>>;
  methods: Readonly<Record<string, string>>;
}
const SHORTEN: Renames = { keys: V1_SHORT_KEYS, methods: V1_SHORT_METHODS };
const EXPAND: Renames = { keys: invert(V1_SHORT_KEYS), methods: invert(V1_SHORT_METHODS) };

type Obj = Record<string, unknown>;

/** `#v1.…` (or `#v1j.…` where that is shorter) for the config and the UI flags that are on. */
export async function encodeShare(config: ExperimentConfig, ui: ShareUi = {}): Promise<string> {
  return packShare(shareDiff(config), { ui });
}

/**
 * A link from a raw JSON patch (merged onto V1_BASE when decoded): what encodeShare uses, exported for tools and
 * tests that need a link with only some fields, or a damaged one.
 */
export async function packShare(
  patch: unknown,
  opts: { ui?: ShareUi; form?: 'shortest' | 'deflate' | 'json' } = {},
): Promise<string> {
  const utf8 = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const form = opts.form ?? 'shortest';
  const plain = form !== 'deflate' ? `v${SHARE_VERSION}j.${toBase64Url(utf8(patch))}` : '';
  const short = utf8(renameKeys(patch, SHORTEN, '', 0));
  const packed = form !== 'json' ? `v${SHARE_VERSION}.${toBase64Url(await deflate(short))}` : '';
  const head = !packed || (plain && plain.length <= packed.length) ? plain : packed;
  const flags = FLAGS.filter(([k]) => opts.ui?.[k]).map(([, name]) => `&${name}=1`);
  return `#${head}${flags.join('')}`;
}

/** The fields of `config` that differ from V1_BASE (see the format notes above). */
export function shareDiff(config: ExperimentConfig): Obj {
  const d = diff(V1_BASE, config, '');
  return isObj(d) ? d : {};
}

/** Reads a link (the hash with or without `#`, or a whole URL). Never throws. */
export async function decodeShare(hash: string): Promise<DecodedShare> {
  const notices: Notice[] = [];
  const ui: Required<ShareUi> = {
    classroom: false,
    hideControls: false,
    lockControls: false,
    autostart: false,
    stepMode: false,
  };
  try {
    const patch = await readLink(hash, ui, notices);
    if (patch === undefined) return { config: defaultConfig(), ui, notices };
    const full = renameKeys(patch, EXPAND, '', 0, notices);
    const r = repairConfig(merge(V1_BASE, full, ''));
    return { config: r.config, ui, notices: [...notices, ...r.notices] };
  } catch {
    notices.push({ field: '(link)', message: 'could not be read; using the defaults' });
    return { config: defaultConfig(), ui, notices };
  }
}

/** The JSON patch of a link, or undefined (with a notice) where there is none to use. Sets the UI flags. */
async function readLink(hash: unknown, ui: Required<ShareUi>, notices: Notice[]): Promise<Obj | undefined> {
  const fail = (message: string, value?: unknown): undefined => {
    notices.push(notice(message, value));
    return undefined;
  };
  if (typeof hash !== 'string') return fail('not a link; using the defaults', hash);
  const afterHash = (t: string) => t.slice(t.indexOf('#') + 1).trim();
  let s = afterHash(hash.length > 4 * MAX_PAYLOAD_CHARS ? hash.slice(0, 4 * MAX_PAYLOAD_CHARS) : hash);
  // Some chat apps percent-encode a pasted link ('#' too); base64url itself never contains '%'.
  if (s.includes('%')) {
    try {
      s = afterHash(decodeURIComponent(s));
    } catch {
      return fail('damaged link (bad %-escapes); using the defaults', s);
    }
  }
  if (!s) return fail('empty link; using the defaults');
  if (s.startsWith('{')) {
    notices.push(notice('link without a version; read as a JSON config'));
    return parsePatch(new TextEncoder().encode(s), fail);
  }
  const [head, ...params] = s.split('&');
  readFlags(params, ui, notices);
  const m = /^v(\d{1,9})(j?)\.(.*)$/s.exec(head);
  if (!m) return fail('not a share link; using the defaults', head);
  const version = Number(m[1]);
  if (version !== SHARE_VERSION) {
    const why = version > SHARE_VERSION ? 'made by a newer version of the app' : 'an unknown link version';
    notices.push(notice(`${why} (v${version}); read as v${SHARE_VERSION}, some settings may differ`));
  }
  const payload = m[3];
  if (payload.length > MAX_PAYLOAD_CHARS) {
    return fail(`link too long (${payload.length} characters, at most ${MAX_PAYLOAD_CHARS}); using the defaults`);
  }
  const bytes = fromBase64Url(payload);
  if (!bytes) return fail('damaged link (not base64url); using the defaults', payload);
  const json = m[2] === 'j' ? bytes : await inflate(bytes, MAX_JSON_BYTES);
  if (json === 'too-big') return fail(`link expands past ${MAX_JSON_BYTES} bytes; refused, using the defaults`);
  if (json === 'corrupt') return fail('damaged link (cannot decompress); using the defaults', payload);
  return parsePatch(json, fail);
}

function parsePatch(bytes: Uint8Array, fail: (message: string, value?: unknown) => undefined): Obj | undefined {
  if (bytes.length > MAX_JSON_BYTES) return fail(`config over ${MAX_JSON_BYTES} bytes; refused, using the defaults`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('damaged link (not JSON); using the defaults');
  }
  if (!isObj(value)) return fail('damaged link (not a config object); using the defaults', value);
  return value;
}

function readFlags(params: string[], ui: Required<ShareUi>, notices: Notice[]): void {
  for (const p of params) {
    if (!p) continue;
    const eq = p.indexOf('=');
    const name = eq < 0 ? p : p.slice(0, eq);
    const raw = eq < 0 ? '' : p.slice(eq + 1);
    const flag = FLAGS.find(([k, short]) => name === short || name === k);
    if (!flag) {
      notices.push(notice('unknown link option, ignored', name));
      continue;
    }
    if (raw === '' || raw === '1' || raw === 'true') ui[flag[0]] = true;
    else if (raw === '0' || raw === 'false') ui[flag[0]] = false;
    else notices.push(notice(`option ${flag[1]} must be 0 or 1; ignored`, raw));
  }
}

function notice(message: string, value?: unknown, field = '(link)'): Notice {
  const n: Notice = { field: cleanText(field, 80), message: cleanText(message, 200) };
  if (value !== undefined) n.value = renderValue(value);
  return n;
}

// ---- diff and merge ----------------------------------------------------------------------------------------

function diff(base: unknown, value: unknown, path: string): unknown {
  if (path === 'students' && Array.isArray(value)) {
    return deepEqual(base, value) ? undefined : value.map((s) => diff(undefined, s, path));
  }
  if (deepEqual(base, value)) return undefined;
  const from = baseOf(base, value, path);
  if (!from || !isObj(value)) return value;
  const out: Obj = {};
  const disc = VARIANT_KEY[path];
  // The discriminator says which base the decoder merges onto, so it goes in whenever that is not V1_BASE's.
  if (disc && from !== base) out[disc] = value[disc];
  for (const k of Object.keys(value)) {
    const d = diff(own(from, k), value[k], path ? `${path}.${k}` : k);
    if (d !== undefined) out[k] = d;
  }
  return out;
}

function merge(base: unknown, patch: unknown, path: string): unknown {
  if (path === 'students' && Array.isArray(patch)) return patch.map((s) => merge(undefined, s, path));
  const from = baseOf(base, patch, path);
  if (!from || !isObj(patch)) return patch;
  const out: Obj = {};
  // defineProperty keeps a `__proto__` key an own data field (repairConfig reports it) instead of a prototype.
  const put = (k: string, v: unknown) =>
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const k of Object.keys(from)) put(k, from[k]);
  for (const k of Object.keys(patch)) put(k, merge(own(from, k), patch[k], path ? `${path}.${k}` : k));
  return out;
}

/** What an object at `path` is a diff against: the base, or its variant's v1 base where the variant differs. */
function baseOf(base: unknown, value: unknown, path: string): Obj | undefined {
  if (!isObj(value)) return undefined;
  const disc = VARIANT_KEY[path];
  if (!disc || !Object.hasOwn(value, disc) || (isObj(base) && base[disc] === value[disc])) {
    return isObj(base) ? base : undefined;
  }
  const v = value[disc];
  return typeof v === 'string' && Object.hasOwn(V1_VARIANTS[path], v) ? V1_VARIANTS[path][v] : undefined;
}

/** Renames keys (and `method` values) by the tables; depth-bounded, since the input may be hostile. */
function renameKeys(v: unknown, table: Renames, path: string, depth: number, notices?: Notice[]): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (depth > 12) return null;
  if (Array.isArray(v)) return v.map((x, i) => renameKeys(x, table, `${path}${i}.`, depth + 1, notices));
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    const name = Object.hasOwn(table.keys, k) ? table.keys[k] : k;
    // Both spellings of one field ("s" and "seed"): the later wins, as JSON's own duplicate keys do.
    if (Object.hasOwn(out, name)) notices?.push(notice('given twice; the later value is used', undefined, path + name));
    const isMethod = name === 'method' || name === V1_SHORT_KEYS.method;
    const value = isMethod && typeof x === 'string' && Object.hasOwn(table.methods, x) ? table.methods[x] : x;
    const renamed = renameKeys(value, table, `${path}${name}.`, depth + 1, notices);
    Object.defineProperty(out, name, { value: renamed, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function own(o: Obj, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

function invert(table: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k]));
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// ---- bytes -------------------------------------------------------------------------------------------------

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const cs = new CompressionStream('deflate-raw');
  const writer = cs.writable.getWriter();
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  return collect(cs.readable.getReader(), Infinity) as Promise<Uint8Array>;
}

/** Inflates, stopping as soon as the output passes `limit` bytes. */
async function inflate(bytes: Uint8Array, limit: number): Promise<Uint8Array | 'too-big' | 'corrupt'> {
  try {
    const ds = new DecompressionStream('deflate-raw');
    const writer = ds.writable.getWriter();
    // Errors surface through the reader; these promises must not be left unhandled.
    writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
    writer.close().catch(() => {});
    return await collect(ds.readable.getReader(), limit);
  } catch {
    return 'corrupt';
  }
}

async function collect(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
): Promise<Uint8Array | 'too-big'> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      reader.cancel().catch(() => {});
      return 'too-big';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += B64[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** Strict decoding: null on a character outside the alphabet, an impossible length or non-zero spare bits. */
export function fromBase64Url(s: string): Uint8Array | null {
  const body = s.replace(/={1,2}$/, '');
  if (body.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((body.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c] : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  if (acc & ((1 << bits) - 1)) return null;
  return out;
}

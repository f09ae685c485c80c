// Share links: a whole experiment (config + a few UI switches) in the URL hash, short and versioned. The format
// and its frozen tables are in v1.ts; the bytes (deflate, base64url) in bytes.ts. Decoding never throws and always
// yields a valid config plus notices: it merges the link's JSON onto V1_FROZEN_BASE and runs repairConfig (unknown
// fields dropped, invalid values reset to defaults, each with a notice).
import { defaultConfig } from '../defaults';
import { cleanText, renderValue, type Notice } from '../notice';
import { deepEqual, isObj, own, type Obj } from '../plain';
import { repairConfig } from '../repair';
import type { ExperimentConfig } from '../schema';
import { deflate, fromBase64Url, inflate, toBase64Url } from './bytes';
import {
  SHARE_VERSION,
  V1_FROZEN_BASE,
  V1_FROZEN_VARIANTS,
  V1_LATER_FIELDS,
  V1_SHORT_KEYS,
  V1_SHORT_METHODS,
  V1_VARIANT_KEY,
} from './v1';

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

/** What links are diffs against: the frozen v1 base with the fields added since at their frozen values. */
const BASE = merge(V1_FROZEN_BASE, V1_LATER_FIELDS, '') as Obj;

interface Renames {
  keys: Readonly<Record<string, string>>;
  methods: Readonly<Record<string, string>>;
}
const SHORTEN: Renames = { keys: V1_SHORT_KEYS, methods: V1_SHORT_METHODS };
const EXPAND: Renames = { keys: invert(V1_SHORT_KEYS), methods: invert(V1_SHORT_METHODS) };

/** `#v1.…` (or `#v1j.…` where that is shorter) for the config and the UI flags that are on. */
export async function encodeShare(config: ExperimentConfig, ui: ShareUi = {}): Promise<string> {
  return packShare(shareDiff(config), { ui });
}

/**
 * A link from a raw JSON patch (merged onto V1_FROZEN_BASE when decoded): what encodeShare uses, exported for
 * tools and tests that need a link with only some fields, or a damaged one.
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

/** The fields of `config` that differ from V1_FROZEN_BASE (see the format notes in v1.ts). */
export function shareDiff(config: ExperimentConfig): Obj {
  const d = diff(BASE, config, '');
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
    const r = repairConfig(merge(BASE, full, ''));
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
  const disc = V1_VARIANT_KEY[path];
  // The discriminator says which base the decoder merges onto: written whenever that is not V1_FROZEN_BASE's.
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
  const disc = V1_VARIANT_KEY[path];
  if (!disc || !Object.hasOwn(value, disc) || (isObj(base) && base[disc] === value[disc])) {
    return isObj(base) ? base : undefined;
  }
  const v = value[disc];
  return typeof v === 'string' && Object.hasOwn(V1_FROZEN_VARIANTS[path], v) ? V1_FROZEN_VARIANTS[path][v] : undefined;
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

function invert(table: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k]));
}

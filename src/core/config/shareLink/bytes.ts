// Bytes of a share link: raw deflate through the platform's CompressionStream (inflating with a size cap that
// cuts a decompression bomb off while streaming) and strict base64url (RFC 4648 §5, no padding). Base64url uses
// the native Uint8Array.prototype.toBase64 / Uint8Array.fromBase64 where the platform has them, else a small
// fallback; both give identical output (bytes.test.ts), and the strictness checks are shared.

export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const cs = new CompressionStream('deflate-raw');
  const writer = cs.writable.getWriter();
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  return collect(cs.readable.getReader(), Infinity) as Promise<Uint8Array>;
}

/** Inflates, stopping as soon as the output passes `limit` bytes. */
export async function inflate(bytes: Uint8Array, limit: number): Promise<Uint8Array | 'too-big' | 'corrupt'> {
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

// ---- base64url ---------------------------------------------------------------------------------------------

interface NativeBase64 {
  toBase64?: (this: Uint8Array, o: { alphabet: 'base64url'; omitPadding: boolean }) => string;
}
const nativeEncode = (Uint8Array.prototype as NativeBase64).toBase64;
const nativeDecode = (Uint8Array as { fromBase64?: (s: string, o: { alphabet: 'base64url' }) => Uint8Array })
  .fromBase64;
/** Whether this platform encodes and decodes base64url natively (Chromium 140+, Firefox 133+, Node 25+). */
export const HAS_NATIVE_BASE64 = typeof nativeEncode === 'function' && typeof nativeDecode === 'function';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  if (HAS_NATIVE_BASE64) return nativeEncode!.call(bytes, { alphabet: 'base64url', omitPadding: true });
  return toBase64UrlFallback(bytes);
}

/** Strict decoding: null on a character outside the alphabet, an impossible length or non-zero spare bits. */
export function fromBase64Url(s: string): Uint8Array | null {
  if (!HAS_NATIVE_BASE64) return fromBase64UrlFallback(s);
  const body = s.replace(/={1,2}$/, '');
  if (!isStrictBase64Url(body)) return null;
  try {
    return nativeDecode!(body, { alphabet: 'base64url' });
  } catch {
    return null;
  }
}

/** The checks the native decoder leaves out (it skips whitespace and ignores spare bits by default). */
function isStrictBase64Url(body: string): boolean {
  if (body.length % 4 === 1 || !/^[A-Za-z0-9_-]*$/.test(body)) return false;
  const spare = (body.length * 6) % 8;
  return spare === 0 || (B64_INDEX[body.charCodeAt(body.length - 1)] & ((1 << spare) - 1)) === 0;
}

export function toBase64UrlFallback(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += B64[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** fromBase64Url without the native decoder (equally strict). */
export function fromBase64UrlFallback(s: string): Uint8Array | null {
  const body = s.replace(/={1,2}$/, '');
  if (!isStrictBase64Url(body)) return null;
  const out = new Uint8Array(Math.floor((body.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < body.length; i++) {
    acc = ((acc << 6) | B64_INDEX[body.charCodeAt(i)]) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

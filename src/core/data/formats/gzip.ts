// gzip via the platform's DecompressionStream (browsers, Web Workers and Node ≥ 18): no bundled inflater.
import { DataFormatError, fmtInt } from './errors';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Guards against decompression bombs; CIFAR-10's full tar is ~185 MB. */
export const MAX_GUNZIP_BYTES = 1 << 30;

export async function gunzip(bytes: Uint8Array, file: string, maxBytes = MAX_GUNZIP_BYTES): Promise<Uint8Array> {
  if (!isGzip(bytes)) throw new DataFormatError(file, 'not a gzip file (it does not start with the bytes 1f 8b)');
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter();
  // Failures surface on the readable side too; swallow them here so they are not reported as unhandled.
  writer
    .write(bytes as Uint8Array<ArrayBuffer>)
    .then(() => writer.close())
    .catch(() => {});
  const reader = ds.readable.getReader();
  // The trailer's ISIZE (uncompressed size mod 2^32) is usually exact: preallocate it, double if it was wrong.
  let out = new Uint8Array(Math.min(Math.max(sizeHint(bytes), 1 << 16), maxBytes));
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.length > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new DataFormatError(file, `decompresses to more than ${fmtInt(maxBytes)} bytes; refusing to go on`);
      }
      if (length + value.length > out.length) {
        const grown = new Uint8Array(Math.min(Math.max(out.length * 2, length + value.length), maxBytes));
        grown.set(out.subarray(0, length));
        out = grown;
      }
      out.set(value, length);
      length += value.length;
    }
  } catch (e) {
    if (e instanceof DataFormatError) throw e;
    const reason = e instanceof Error && e.message ? ` (${e.message})` : '';
    throw new DataFormatError(file, `corrupt or truncated gzip data${reason}`);
  }
  // Hand back a tight buffer so that callers' subarrays do not pin unused capacity.
  return length === out.length ? out : out.slice(0, length);
}

function sizeHint(bytes: Uint8Array): number {
  if (bytes.length < 18) return 0;
  const n = bytes.length;
  const isize = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
  // Deflate cannot expand more than ~1032:1, so a corrupt trailer cannot make us allocate absurd amounts.
  return Math.min(isize, n * 1032);
}

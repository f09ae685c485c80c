// Minimal tar reader (POSIX ustar, GNU and v7 headers): enough for the official data set archives, with the
// header checksum verified so that a corrupt archive fails loudly instead of yielding garbage entries.
import { DataFormatError, fmtInt } from './errors';

export interface TarEntry {
  name: string;
  bytes: Uint8Array; // a view into the archive, not a copy
}

const BLOCK = 512;
const utf8 = new TextDecoder();

/**
 * True when the first block looks like a tar header: ustar/GNU magic (then untar checks the checksum, so a damaged
 * archive is reported as such rather than as an unknown file), or a v7 header with a valid checksum and size.
 */
export function isTar(bytes: Uint8Array): boolean {
  if (bytes.length < BLOCK) return false;
  const h = bytes.subarray(0, BLOCK);
  if (isUstar(h)) return true;
  return !isZero(h) && checksumOk(h) && parseNumber(h, 124, 12) !== null;
}

export function untar(bytes: Uint8Array, file: string): TarEntry[] {
  const entries: TarEntry[] = [];
  let pendingName: string | null = null; // from a GNU 'L' entry or a pax 'path' record
  let pendingSize: number | null = null; // from a pax 'size' record
  let off = 0;
  while (off < bytes.length) {
    if (bytes.length - off < BLOCK) {
      if (isZero(bytes.subarray(off))) break;
      throw new DataFormatError(file, `truncated: the archive ends in the middle of a header at byte ${fmtInt(off)}`);
    }
    const h = bytes.subarray(off, off + BLOCK);
    if (isZero(h)) break; // end-of-archive marker (normally two zero blocks; one is enough to stop)
    let name = pendingName ?? headerName(h);
    if (!checksumOk(h)) {
      throw new DataFormatError(
        file,
        `corrupt archive: header checksum mismatch for entry "${name}" at byte ${fmtInt(off)}`,
      );
    }
    const headerSize = parseNumber(h, 124, 12);
    if (headerSize === null) {
      throw new DataFormatError(file, `corrupt archive: entry "${name}" at byte ${fmtInt(off)} has an unreadable size`);
    }
    const size = pendingSize ?? headerSize;
    const type = String.fromCharCode(h[156]);
    const start = off + BLOCK;
    if (start + size > bytes.length) {
      throw new DataFormatError(
        file,
        `truncated: entry "${name}" should have ${fmtInt(size)} bytes but only ${fmtInt(bytes.length - start)} remain`,
      );
    }
    const data = bytes.subarray(start, start + size);
    off = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      pendingName = cString(data);
      continue;
    }
    if (type === 'x') {
      const pax = parsePax(data, file, name);
      pendingName = pax.path ?? pendingName;
      pendingSize = pax.size ?? pendingSize;
      continue;
    }
    pendingName = null;
    pendingSize = null;
    name = memberPath(name, file);
    // v7 archives mark directories with a trailing slash and typeflag '\0'.
    if ((type === '0' || type === '\0') && name && !name.endsWith('/')) entries.push({ name, bytes: data });
    // Everything else (directories, links, devices, pax globals 'g', GNU 'K' long link names) is skipped.
  }
  return entries;
}

/**
 * `./a//b\\c` → `a/b/c`. A member that would land outside the archive (a `..` segment, `/x`, `C:\\x`) refuses the
 * whole archive: data sets never need one, and a base name like data_batch_2.bin must not smuggle it in.
 */
function memberPath(raw: string, file: string): string {
  const slashed = raw.replace(/\\/g, '/');
  const segments = slashed.split('/');
  if (slashed.startsWith('/') || /^[a-z]:/i.test(slashed) || segments.includes('..')) {
    throw new DataFormatError(
      file,
      `unsafe member "${raw}": a path with ".." or an absolute path points outside the archive; refusing the archive`,
    );
  }
  const kept = segments.filter((s) => s !== '' && s !== '.').join('/');
  return slashed.endsWith('/') ? `${kept}/` : kept; // the trailing slash marks a v7 directory
}

function isZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

function isUstar(h: Uint8Array): boolean {
  return h[257] === 0x75 && h[258] === 0x73 && h[259] === 0x74 && h[260] === 0x61 && h[261] === 0x72; // "ustar"
}

/** The stored checksum is the byte sum with the checksum field read as spaces; old tars summed signed bytes. */
function checksumOk(h: Uint8Array): boolean {
  const stored = parseNumber(h, 148, 8);
  if (stored === null) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : h[i];
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** Octal (space/NUL padded), or GNU base-256 when the high bit of the first byte is set. */
function parseNumber(h: Uint8Array, at: number, len: number): number | null {
  if (h[at] & 0x80) {
    let n = h[at] & 0x7f;
    for (let i = at + 1; i < at + len; i++) n = n * 256 + h[i];
    return n;
  }
  const text = String.fromCharCode(...h.subarray(at, at + len))
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : null;
}

function cString(b: Uint8Array): string {
  const end = b.indexOf(0);
  return utf8.decode(end < 0 ? b : b.subarray(0, end));
}

function headerName(h: Uint8Array): string {
  const name = cString(h.subarray(0, 100));
  // POSIX ustar ("ustar\0") splits long paths into prefix + name; GNU ("ustar  ") uses that space for other fields.
  const prefix = isUstar(h) && h[262] === 0 ? cString(h.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** pax extended header: records "<length> <key>=<value>\n"; only path and size matter here. */
function parsePax(data: Uint8Array, file: string, entry: string): { path?: string; size?: number } {
  const out: { path?: string; size?: number } = {};
  let i = 0;
  while (i < data.length && data[i] !== 0) {
    const space = data.indexOf(0x20, i);
    const len = space < 0 ? NaN : Number(utf8.decode(data.subarray(i, space)));
    if (!Number.isInteger(len) || len <= 0 || i + len > data.length) {
      throw new DataFormatError(file, `corrupt archive: unreadable pax header "${entry}"`);
    }
    const record = utf8.decode(data.subarray(space + 1, i + len - 1)); // drop the trailing newline
    const eq = record.indexOf('=');
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (key === 'path') out.path = value;
    if (key === 'size' && /^\d+$/.test(value)) out.size = Number(value);
    i += len;
  }
  return out;
}

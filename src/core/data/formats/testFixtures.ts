// Test-only builders for small, valid files in the official formats; tests then break them on purpose.
// Pure (no Node APIs) so that the module type-checks like the rest of src; gzip comes from node:zlib in tests.
import { CIFAR_PLANE, CIFAR_RECORD } from './cifar';

export function idxImages(count: number, height: number, width: number, pixel = (i: number) => i & 0xff): Uint8Array {
  const out = new Uint8Array(16 + count * height * width);
  const dv = new DataView(out.buffer);
  [0x803, count, height, width].forEach((v, i) => dv.setUint32(i * 4, v, false));
  for (let i = 16; i < out.length; i++) out[i] = pixel(i - 16);
  return out;
}

export function idxLabels(labels: number[]): Uint8Array {
  const out = new Uint8Array(8 + labels.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x801, false);
  dv.setUint32(4, labels.length, false);
  out.set(labels, 8);
  return out;
}

/** One CIFAR record; channel c of pixel p is plane(c, p). */
export function cifarRecord(label: number, plane: (c: number, p: number) => number): Uint8Array {
  const rec = new Uint8Array(CIFAR_RECORD);
  rec[0] = label;
  for (let c = 0; c < 3; c++) for (let p = 0; p < CIFAR_PLANE; p++) rec[1 + c * CIFAR_PLANE + p] = plane(c, p) & 0xff;
  return rec;
}

export function cifarBatch(labels: number[], plane = (i: number, c: number, p: number) => i + c + p): Uint8Array {
  return concat(labels.map((l, i) => cifarRecord(l, (c, p) => plane(i, c, p))));
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface TarSpec {
  name: string;
  bytes?: Uint8Array;
  type?: string; // typeflag, '0' by default
  format?: 'ustar' | 'gnu' | 'v7';
  prefix?: string; // ustar only
}

export function tarHeader(spec: TarSpec, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const enc = new TextEncoder();
  const put = (at: number, s: string) => h.set(enc.encode(s), at);
  const octal = (at: number, len: number, v: number) => put(at, v.toString(8).padStart(len - 1, '0') + '\0');
  put(0, spec.name.slice(0, 100));
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, 1_700_000_000);
  h[156] = (spec.type ?? '0').charCodeAt(0);
  const format = spec.format ?? 'ustar';
  if (format === 'ustar') put(257, 'ustar\u000000');
  if (format === 'gnu') put(257, 'ustar  \0');
  if (spec.prefix) put(345, spec.prefix);
  h.fill(0x20, 148, 156);
  const sum = h.reduce((a, b) => a + b, 0);
  put(148, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

/** A tar archive with the two zero blocks at the end. */
export function makeTar(specs: TarSpec[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const s of specs) {
    const bytes = s.bytes ?? new Uint8Array(0);
    parts.push(tarHeader(s, bytes.length), bytes, new Uint8Array((512 - (bytes.length % 512)) % 512));
  }
  parts.push(new Uint8Array(1024));
  return concat(parts);
}

export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = body.length + 1;
  while (String(len).length + body.length !== len) len = String(len).length + body.length;
  return `${len}${body}`;
}

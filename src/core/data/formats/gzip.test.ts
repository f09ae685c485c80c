// gunzip: round trips (one chunk, many chunks, a trailer size hint that is wrong), and plain-worded failures.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from './errors';
import { gunzip, isGzip } from './gzip';

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7919) % 251);
const gz = (b: Uint8Array) => new Uint8Array(gzipSync(b));

describe('gunzip', () => {
  it('recognises gzip by its magic bytes', () => {
    expect(isGzip(gz(bytes(10)))).toBe(true);
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
    expect(isGzip(new Uint8Array([0, 0, 8, 3]))).toBe(false);
  });

  it('round-trips small and multi-chunk inputs exactly', async () => {
    for (const n of [0, 1, 1000, 1_000_000]) {
      const src = bytes(n);
      const out = await gunzip(gz(src), 'x.gz');
      expect(out.length).toBe(n);
      expect(out.buffer.byteLength).toBe(n); // tight buffer, no spare capacity pinned
      expect(Buffer.from(out).equals(Buffer.from(src))).toBe(true);
    }
  });

  it('grows past a trailer size hint that undercounts (two gzip members)', async () => {
    const a = bytes(300_000);
    const b = bytes(200_000).reverse();
    const two = new Uint8Array(Buffer.concat([gz(a), gz(b)]));
    const out = await gunzip(two, 'two.gz');
    expect(out.length).toBe(500_000);
    expect(Buffer.from(out.subarray(300_000)).equals(Buffer.from(b))).toBe(true);
  });

  it('rejects input that is not gzip', async () => {
    await expect(gunzip(new Uint8Array([0, 0, 8, 3, 1, 2]), 'train-images-idx3-ubyte.gz')).rejects.toThrow(
      'train-images-idx3-ubyte.gz: not a gzip file',
    );
    await expect(gunzip(new Uint8Array(0), 'empty.gz')).rejects.toBeInstanceOf(DataFormatError);
  });

  it('rejects truncated and corrupt streams', async () => {
    const good = gz(bytes(100_000));
    await expect(gunzip(good.subarray(0, good.length - 20), 'cut.gz')).rejects.toThrow(
      'cut.gz: corrupt or truncated gzip data',
    );
    await expect(gunzip(good.subarray(0, 2), 'magic-only.gz')).rejects.toThrow('corrupt or truncated gzip data');
    const bad = good.slice();
    bad[good.length - 6] ^= 0xff; // CRC-32 of the content
    await expect(gunzip(bad, 'crc.gz')).rejects.toThrow('crc.gz: corrupt or truncated gzip data');
    const garbled = good.slice();
    for (let i = 20; i < 60; i++) garbled[i] ^= 0x5a;
    await expect(gunzip(garbled, 'garbled.gz')).rejects.toBeInstanceOf(DataFormatError);
  });

  it('refuses to decompress past the size limit', async () => {
    await expect(gunzip(gz(new Uint8Array(200_000)), 'bomb.gz', 100_000)).rejects.toThrow(
      'bomb.gz: decompresses to more than 100,000 bytes',
    );
  });
});

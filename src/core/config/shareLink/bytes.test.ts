// Share-link bytes: strict base64url (native where the platform has it, the fallback forced) and deflate.
import { describe, expect, it } from 'vitest';
import { int, mulberry32 } from '../testConfigs';
import {
  deflate,
  fromBase64Url,
  fromBase64UrlFallback,
  HAS_NATIVE_BASE64,
  inflate,
  toBase64Url,
  toBase64UrlFallback,
} from './bytes';

const randomBytes = (seed: number, n: number) => {
  const r = mulberry32(seed);
  return Uint8Array.from({ length: n }, () => int(r, 0, 255));
};

describe('base64url', () => {
  it('is strict and round-trips every length, on the platform path and the forced fallback alike', () => {
    for (let n = 0; n < 64; n++) {
      const b = randomBytes(n + 3, n);
      const s = toBase64Url(b);
      expect(s).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(toBase64UrlFallback(b)).toBe(s);
      expect(fromBase64Url(s)).toEqual(b);
      expect(fromBase64UrlFallback(s)).toEqual(b);
    }
    for (const decode of [fromBase64Url, fromBase64UrlFallback]) {
      expect(decode('e30=')).toEqual(new TextEncoder().encode('{}'));
      expect(decode('e30')).toEqual(new TextEncoder().encode('{}'));
      for (const bad of ['A', 'ab+c', 'ab/c', 'a b', 'é30', 'e31', 'e3\n0', 'AB==C']) expect(decode(bad)).toBeNull();
    }
  });

  it('the native and fallback codecs give identical text and bytes on 2,000 random inputs', () => {
    console.log(`base64url: native ${HAS_NATIVE_BASE64 ? 'present' : 'absent (fallback only)'} on this platform`);
    for (let i = 0; i < 2000; i++) {
      const b = randomBytes(1000 + i, i % 300);
      const s = toBase64UrlFallback(b);
      expect(toBase64Url(b)).toBe(s);
      expect(fromBase64Url(s)).toEqual(fromBase64UrlFallback(s));
      // The same check against the standard base64 of the platform (Buffer), translated to the URL alphabet.
      expect(s).toBe(Buffer.from(b).toString('base64url'));
    }
  });
});

describe('deflate', () => {
  it('round-trips and cuts a decompression bomb off at the limit', async () => {
    const text = new TextEncoder().encode(JSON.stringify({ seed: 3, pad: ' '.repeat(10_000) }));
    const packed = await deflate(text);
    expect(packed.length).toBeLessThan(200);
    expect(await inflate(packed, 20_000)).toEqual(text);
    expect(await inflate(packed, 5_000)).toBe('too-big');
    expect(await inflate(randomBytes(9, 64), 20_000)).toBe('corrupt');
  });
});

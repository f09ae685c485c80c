// Addresses the app does not recognise are reported, and a repaired link never starts training by itself.
import { describe, expect, it } from 'vitest';
import { addressNotices, autostartOf, decodeShare, encodeShare, isShareHash, packShare } from '.';
import { defaultConfig } from '../defaults';

describe('address notices', () => {
  it.each(['#cfg=abc', '#javascript:alert(1)', '#V1.abc', '#v١.abc', '#x'])('%s is reported as not a link', (h) => {
    expect(isShareHash(h)).toBe(false);
    const n = addressNotices(h, '');
    expect(n).toHaveLength(1);
    expect(n[0].message).toMatch(/not a link of this app/);
    expect(n[0].value!.length).toBeLessThanOrEqual(40);
  });

  it('a query string is reported, whatever it holds (and cut to 40 characters)', () => {
    const n = addressNotices('', '?seed=NaN&epochs=Infinity');
    expect(n).toEqual([expect.objectContaining({ field: '(link)', value: '?seed=NaN&epochs=Infinity' })]);
    expect(addressNotices('', `?${'a'.repeat(100_000)}`)[0].value!.length).toBeLessThanOrEqual(40);
  });

  it('nothing to say for our links and for an empty address', async () => {
    expect(addressNotices('', '')).toEqual([]);
    expect(addressNotices('#', '?')).toEqual([]);
    expect(addressNotices(await encodeShare(defaultConfig()), '')).toEqual([]);
  });
});

describe('autostart', () => {
  it('a clean link with autostart starts; a repaired one holds; no flag, nothing', async () => {
    const clean = await decodeShare(await encodeShare(defaultConfig(), { autostart: true }));
    expect(clean.notices).toEqual([]);
    expect(autostartOf(clean)).toBe('start');
    const repaired = await decodeShare(await packShare({ batchSize: -3, bogus: 1 }, { ui: { autostart: true } }));
    expect(repaired.notices.length).toBeGreaterThan(0);
    expect(autostartOf(repaired)).toBe('hold');
    expect(autostartOf(await decodeShare(await encodeShare(defaultConfig())))).toBe('none');
  });
});

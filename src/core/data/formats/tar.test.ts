// untar: ustar/GNU/v7 headers, long names (GNU 'L', pax 'path', ustar prefix), skipped entry types, and
// checksum/truncation failures.
import { describe, expect, it } from 'vitest';
import { concat, makeTar, paxRecord, tarHeader } from './testFixtures';
import { isTar, untar } from './tar';

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

describe('untar', () => {
  it('reads regular files of every header flavour and skips directories', () => {
    const tar = makeTar([
      { name: 'dir/', type: '5' },
      { name: 'dir/a.txt', bytes: text('hello') },
      { name: 'b.bin', bytes: new Uint8Array(512).fill(7), format: 'gnu' },
      { name: 'c.txt', bytes: text('v7'), format: 'v7', type: '\0' },
      { name: 'old-dir/', format: 'v7', type: '\0' },
      { name: './d.txt', bytes: new Uint8Array(0) },
      { name: 'link', type: '2' },
    ]);
    expect(isTar(tar)).toBe(true);
    const entries = untar(tar, 'x.tar');
    expect(entries.map((e) => e.name)).toEqual(['dir/a.txt', 'b.bin', 'c.txt', 'd.txt']);
    expect(str(entries[0].bytes)).toBe('hello');
    expect(entries[1].bytes.length).toBe(512);
    expect(entries[1].bytes.every((b) => b === 7)).toBe(true);
    expect(str(entries[2].bytes)).toBe('v7');
    expect(entries[0].bytes.buffer).toBe(tar.buffer); // views, not copies
  });

  it('applies GNU long names, pax paths and ustar prefixes', () => {
    const long = `${'deep/'.repeat(30)}data_batch_1.bin`;
    const tar = makeTar([
      { name: '././@LongLink', type: 'L', bytes: text(`${long}\0`), format: 'gnu' },
      { name: long.slice(0, 100), bytes: text('gnu'), format: 'gnu' },
      { name: 'PaxHeaders/x', type: 'x', bytes: text(paxRecord('path', `pax/${long}`) + paxRecord('mtime', '1.5')) },
      { name: 'truncated-name', bytes: text('pax') },
      { name: 'PaxHeaders/g', type: 'g', bytes: text(paxRecord('comment', 'global')) },
      { name: 'test_batch.bin', prefix: 'cifar-10-batches-bin', bytes: text('prefix') },
    ]);
    const entries = untar(tar, 'x.tar');
    expect(entries.map((e) => [e.name, str(e.bytes)])).toEqual([
      [long, 'gnu'],
      [`pax/${long}`, 'pax'],
      ['cifar-10-batches-bin/test_batch.bin', 'prefix'],
    ]);
  });

  it('normalises member names: ./ prefixes, backslashes, duplicate slashes and . segments', () => {
    const tar = makeTar([
      { name: './a/b.bin', bytes: text('1') },
      { name: 'dir\\sub\\c.bin', bytes: text('2') },
      { name: 'x//y///z.bin', bytes: text('3') },
      { name: '././d/./e.bin', bytes: text('4') },
      { name: './', type: '5' },
    ]);
    expect(untar(tar, 'x.tar').map((e) => e.name)).toEqual(['a/b.bin', 'dir/sub/c.bin', 'x/y/z.bin', 'd/e.bin']);
  });

  it('refuses an archive with a member outside it (.. segments or absolute paths), naming the member', () => {
    const bad = [
      '../../../data_batch_2.bin',
      '/abs/path/test_batch.bin',
      'C:\\x\\data_batch_1.bin',
      'c:/x/data_batch_1.bin',
      'cifar/../data_batch_3.bin',
      'cifar\\..\\data_batch_4.bin',
      '..',
    ];
    for (const name of bad) {
      const tar = makeTar([
        { name: 'ok/data_batch_5.bin', bytes: text('fine') },
        { name, bytes: text('x') },
      ]);
      expect(() => untar(tar, 'evil.tar'), name).toThrow(
        `evil.tar: unsafe member "${name}": a path with ".." or an absolute path points outside the archive`,
      );
    }
    // The same through a GNU long name and a pax path, and for a directory entry.
    const long = `${'../'.repeat(40)}data_batch_1.bin`;
    const viaGnu = makeTar([
      { name: '././@LongLink', type: 'L', bytes: text(`${long}\0`), format: 'gnu' },
      { name: long.slice(0, 100), bytes: text('gnu'), format: 'gnu' },
    ]);
    expect(() => untar(viaGnu, 'g.tar')).toThrow(`g.tar: unsafe member "${long}"`);
    const viaPax = makeTar([
      { name: 'PaxHeaders/x', type: 'x', bytes: text(paxRecord('path', '/etc/test_batch.bin')) },
      { name: 'harmless.bin', bytes: text('pax') },
    ]);
    expect(() => untar(viaPax, 'p.tar')).toThrow('p.tar: unsafe member "/etc/test_batch.bin"');
    expect(() => untar(makeTar([{ name: '../up/', type: '5' }]), 'd.tar')).toThrow('d.tar: unsafe member "../up/"');
    // ".." inside a name is not a segment.
    expect(untar(makeTar([{ name: 'a..b/..c', bytes: text('1') }]), 'x.tar').map((e) => e.name)).toEqual(['a..b/..c']);
  });

  it('stops at the end-of-archive blocks and tolerates a missing trailer', () => {
    const tar = makeTar([{ name: 'a', bytes: text('1') }]);
    const withJunk = concat([tar, text('trailing junk after the end marker')]);
    expect(untar(withJunk, 'x.tar').map((e) => e.name)).toEqual(['a']);
    expect(untar(tar.subarray(0, 1024), 'x.tar').map((e) => e.name)).toEqual(['a']);
  });

  it('rejects a header whose checksum does not match', () => {
    const tar = makeTar([{ name: 'data_batch_1.bin', bytes: text('x') }]);
    tar[10] ^= 0x01; // flip a bit of the name
    expect(isTar(tar)).toBe(true); // still recognised by its magic, so the damage is reported
    expect(() => untar(tar, 'cifar.tar')).toThrow(/^cifar\.tar: corrupt archive: header checksum mismatch for entry/);
  });

  it('rejects truncated entries and headers', () => {
    const tar = makeTar([{ name: 'big.bin', bytes: new Uint8Array(3000) }]);
    expect(() => untar(tar.subarray(0, 512 + 1000), 'cut.tar')).toThrow(
      'cut.tar: truncated: entry "big.bin" should have 3,000 bytes but only 1,000 remain',
    );
    const twoEntries = makeTar([{ name: 'a', bytes: text('1') }, { name: 'b' }]);
    expect(() => untar(twoEntries.subarray(0, 1024 + 100), 'cut.tar')).toThrow(
      'cut.tar: truncated: the archive ends in the middle of a header',
    );
  });

  it('rejects an unreadable size field', () => {
    const h = tarHeader({ name: 'a' }, 0);
    h.set(text('zzzzzzzzzzz'), 124);
    h.fill(0x20, 148, 156);
    const sum = h.reduce((a, b) => a + b, 0);
    h.set(text(sum.toString(8).padStart(6, '0') + '\0 '), 148);
    expect(() => untar(concat([h, new Uint8Array(1024)]), 'x.tar')).toThrow('unreadable size');
  });

  it('does not mistake other files for archives', () => {
    expect(isTar(new Uint8Array(511))).toBe(false);
    expect(isTar(new Uint8Array(1024))).toBe(false);
    const idxLike = new Uint8Array(4096);
    idxLike.set([0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 28, 0, 0, 0, 28]);
    expect(isTar(idxLike)).toBe(false);
  });
});

// What the address bar holds besides a share link, and what an opened link may do by itself. Everything the app
// does not use is said, never silently dropped: a hash that is not a link of ours, a query string.
import { cleanText, type Notice } from '../notice';
import type { DecodedShare } from './codec';

/** A hash worth decoding: versioned (`v1.`, `v1j.`, ASCII digits only), a bare JSON config, or a percent-encoded one. */
export function isShareHash(hash: string): boolean {
  return /^#?(v[0-9]|\{|%)/.test(hash);
}

/** Notices for the parts of an address the app ignores (empty when there are none). */
export function addressNotices(hash: string, search: string): Notice[] {
  const out: Notice[] = [];
  const h = hash.replace(/^#/, '');
  if (h && !isShareHash(hash))
    out.push({
      field: '(link)',
      value: cleanText(`#${h}`, 40),
      message: 'is not a link of this app (links start with #v1.); the current settings are used',
    });
  const q = search.replace(/^\?/, '');
  if (q)
    out.push({
      field: '(link)',
      value: cleanText(`?${q}`, 40),
      message: 'the query string is ignored: settings travel in the part after # (a share link)',
    });
  return out;
}

/**
 * Whether an opened link may start training by itself: only one that decoded cleanly. A repaired link runs
 * something its author did not write; it waits for the reader (its notice offers Start).
 */
export function autostartOf(d: DecodedShare): 'start' | 'hold' | 'none' {
  if (!d.ui.autostart) return 'none';
  return d.notices.length ? 'hold' : 'start';
}

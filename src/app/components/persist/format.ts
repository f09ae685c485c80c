// Formatting for the persistence views: stored sizes (KB for small run records, MB for data and weights) and
// "saved 5 min ago" times.
import { formatDuration } from '../../lib/format';

/** 850 → "850 B", 12_400 → "12 KB", 3_400_000 → "3.4 MB", 2.1e9 → "2.1 GB" (decimal units, as quotas are quoted). */
export function size(bytes: number): string {
  const b = Math.max(0, bytes);
  if (b < 1e3) return `${Math.round(b)} B`;
  if (b < 1e6) return `${Math.round(b / 1e3)} KB`;
  if (b < 1e9) return `${(b / 1e6).toFixed(1)} MB`;
  return `${(b / 1e9).toFixed(1)} GB`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago"; `now` is a parameter so the text is testable. */
export function relativeTime(t: number, now = Date.now()): string {
  const s = Math.max(0, (now - t) / 1000);
  if (s < 45) return 'just now';
  if (s < 90 * 60) return `${Math.max(1, Math.round(s / 60))} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  const d = Math.round(s / 86400);
  return `${d} day${d === 1 ? '' : 's'} ago`;
}

export const dateText = (t: number) =>
  new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Run lengths: "0.8 s" for the tiny runs a class tries first, m:ss (h:mm:ss) from a minute on. */
export function runLength(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '–'; // a run stopped before any model finished
  return seconds < 60 ? `${seconds.toFixed(1)} s` : formatDuration(seconds);
}

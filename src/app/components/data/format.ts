// Formatting shared by the data components: sizes in decimal megabytes (as download sizes are quoted).

/** 61_440_000 → "61.4 MB". */
export function mb(bytes: number): string {
  return `${(Math.max(0, bytes) / 1e6).toFixed(1)} MB`;
}

/** Storage quotas run to gigabytes: "2.1 GB" there, MB below. */
export function storageSize(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : mb(bytes);
}

/** "about 8 s left", "about 3 min left"; null when there is no estimate. */
export function eta(seconds: number | null): string | null {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 1) return 'less than a second left';
  if (seconds < 90) return `about ${Math.round(seconds)} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/** Height × width × channels, e.g. "28×28×1". */
export const shapeText = ([h, w, c]: readonly number[]) => `${h}×${w}×${c}`;

export const countText = (n: number) => n.toLocaleString('en-US');

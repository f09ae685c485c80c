// Small, pure formatting helpers for the UI.

/** Seconds as m:ss (or h:mm:ss past an hour); "–" when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A fraction in [0,1] as a percentage with fixed decimals: 0.98765 → "98.77". */
export function pct(x: number | null | undefined, digits = 2): string {
  return x == null || !Number.isFinite(x) ? '–' : (x * 100).toFixed(digits);
}

export function fixed(x: number | null | undefined, digits = 3): string {
  return x == null || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

/** 1234 → "1,234"; 1234567 → "1.23 M". */
export function count(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return '–';
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  return Math.round(n).toLocaleString('en-US');
}

export function rate(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n) || n <= 0) return '–';
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

export const BACKEND_LABELS: Record<string, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (JavaScript)',
  auto: 'Auto',
};

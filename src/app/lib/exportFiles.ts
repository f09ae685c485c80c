// Files the attack lab exports: robust-accuracy sweeps and corruption results as CSV (one row per measured
// value, so a spreadsheet or pandas reads them as they are), everything as one JSON, and a chart as PNG.
import { attackLabel, withEps } from '../../core/attacks/types';
import type { ExperimentConfig } from '../../core/config/schema';
import type { CorruptionResult, ModelRef, SweepResult } from '../../worker/attackProtocol';
import type { DatasetSummary } from '../../worker/protocol';
import { APP_VERSION } from './version';

export { APP_VERSION };

export const SWEEP_CSV_HEADER = [
  'model_id',
  'model',
  'kind',
  'eps',
  'eps_255',
  'clean_acc',
  'adv_acc',
  'robust_acc',
  'adv_loss',
  'attack',
  'source',
  'subset',
  'seed',
] as const;

export const CORRUPTION_CSV_HEADER = [
  'model_id',
  'model',
  'kind',
  'corruption',
  'severity',
  'acc',
  'clean_acc',
  'mean_corruption_acc',
  'subset',
  'seed',
] as const;

/** RFC 4180 quoting (a field with a comma, quote or line break is quoted; labels can hold commas), LF line ends. */
function field(v: string | number | null): string {
  const s = v === null ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(+v.toPrecision(10)) : '') : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(header: readonly string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
}

/** One row per model × ε; the ε = 0 row is the clean accuracy. */
export function sweepCsv(r: SweepResult): string {
  const { sweep } = r;
  const source = r.source === null ? 'white-box' : r.source;
  const rows = r.models.flatMap((m) =>
    (sweep.models[m.id] ?? []).map((p) => [
      m.id,
      m.label,
      m.kind,
      p.eps,
      +(p.eps * 255).toFixed(4),
      sweep.clean[m.id] ?? null,
      p.adv,
      p.robust,
      p.advLoss,
      attackLabel(withEps(r.attack, p.eps)),
      source,
      sweep.count,
      sweep.seed,
    ]),
  );
  return toCsv(SWEEP_CSV_HEADER, rows);
}

/** One row per model × corruption × severity. */
export function corruptionCsv(r: CorruptionResult): string {
  const res = r.result;
  const rows = r.models.flatMap((m) => {
    const mr = res.models[m.id];
    if (!mr) return [];
    return res.corruptions.flatMap((c) =>
      res.severities.map((sev, i) => [
        m.id,
        m.label,
        m.kind,
        c,
        sev,
        mr.acc[c]?.[i] ?? null,
        mr.clean,
        mr.mean,
        res.count,
        res.seed,
      ]),
    );
  });
  return toCsv(CORRUPTION_CSV_HEADER, rows);
}

export interface LabExport {
  runConfig: ExperimentConfig | null;
  dataset: DatasetSummary | null;
  attackSettings: unknown;
  sweep: SweepResult | null;
  corruptions: CorruptionResult | null;
  models: ModelRef[];
}

/** Everything needed to reproduce or re-plot the lab's results. */
export function labJson(x: LabExport): string {
  return JSON.stringify(
    {
      app: 'kd-noise-playground',
      version: APP_VERSION,
      exportedAt: new Date().toISOString(),
      seeds: {
        run: x.runConfig?.seed ?? null,
        sweep: x.sweep?.sweep.seed ?? null,
        corruptions: x.corruptions?.result.seed ?? null,
      },
      ...x,
    },
    null,
    2,
  );
}

/** e.g. kd-noise-robustness-2025-01-31T14-05-09.csv (local time, safe on every file system). */
export function fileName(what: string, ext: string, d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  const time = `${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
  return `kd-noise-${what}-${day}T${time}.${ext}`;
}

export function download(data: Blob | string, name: string, type = 'text/plain'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The click starts the download asynchronously: revoke only once it has surely read the URL.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface PngLegend {
  label: string;
  color: string;
}

/**
 * A recharts SVG as a PNG: serialised, drawn on a white canvas at 2× (crisp on slides), with a title above and
 * the legend (which is HTML in the page, not part of the SVG) below.
 */
export async function svgToPng(svg: SVGSVGElement, title: string, legend: PngLegend[]): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('font-family', getComputedStyle(svg).fontFamily); // the page font, not the SVG default
  const src = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([src], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = 2;
    const pad = 16;
    const titleH = 36;
    const rowH = 28;
    const font = getComputedStyle(svg).fontFamily || 'sans-serif';
    // The legend flows like the page's: entries left to right, wrapping at the chart's width.
    const measure = document.createElement('canvas').getContext('2d');
    if (!measure) throw new Error('no 2D canvas context');
    measure.font = `600 16px ${font}`;
    let x = 0;
    let row = 0;
    const placed = legend.map((l) => {
      const w = 20 + measure.measureText(l.label).width + 24;
      if (x > 0 && x + w > width) [x, row] = [0, row + 1];
      const at = { ...l, x, row };
      x += w;
      return at;
    });
    const legendH = legend.length ? (row + 1) * rowH + pad : 0;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil((width + 2 * pad) * scale);
    canvas.height = Math.ceil((titleH + height + legendH + pad) * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas context');
    ctx.scale(scale, scale);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#111';
    ctx.textBaseline = 'middle';
    ctx.font = `700 20px ${font}`;
    ctx.fillText(title, pad, pad + 10, width);
    ctx.drawImage(img, pad, titleH, width, height);
    ctx.font = `600 16px ${font}`;
    for (const l of placed) {
      const y = titleH + height + pad + l.row * rowH;
      ctx.fillStyle = l.color;
      ctx.fillRect(pad + l.x, y - 7, 14, 14);
      ctx.fillStyle = '#111';
      ctx.fillText(l.label, pad + l.x + 20, y);
    }
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('could not encode the PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

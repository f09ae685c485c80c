// A few training images per class on one canvas, one row per class, so a glance shows the set was read right
// (orientation, channel order, labels). Drawn at native resolution and scaled by an integer factor in CSS with
// pixelated rendering: every source pixel stays a crisp square.
import { memo, useEffect, useMemo, useRef } from 'react';
import type { DataInfo } from '../../../worker/protocol';

/** Blank source pixels between cells. */
const GAP = 1;
/** Target on-screen cell size: 28 and 32 px images double, tiny synthetic ones grow more. */
const CELL_PX = 48;

/** Sample indices per class, in the order they came (the worker sends them sorted by label). */
function rowsByClass(labels: Uint8Array, count: number, K: number): number[][] {
  const rows = Array.from({ length: K }, () => [] as number[]);
  for (let i = 0; i < count; i++) rows[labels[i]]?.push(i);
  return rows;
}

export const SampleGrid = memo(function SampleGrid({ info }: { info: DataInfo }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = info.shape;
  const { images, labels, count } = info.samples;
  const rows = useMemo(() => rowsByClass(labels, count, info.classNames.length), [labels, count, info.classNames]);
  const perClass = Math.max(1, ...rows.map((r) => r.length));
  const W = perClass * (w + GAP) - GAP;
  const H = rows.length * (h + GAP) - GAP;
  const scale = Math.max(1, Math.round(CELL_PX / h));

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || W <= 0 || H <= 0) return;
    const out = ctx.createImageData(W, H); // transparent: gaps show the panel behind
    const px = out.data;
    const g = c >= 3 ? 1 : 0; // grey images repeat their one channel as R, G and B
    const b = c >= 3 ? 2 : 0;
    rows.forEach((idx, r) =>
      idx.forEach((i, col) => {
        const x0 = col * (w + GAP);
        const y0 = r * (h + GAP);
        const base = i * h * w * c;
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            const s = base + (y * w + x) * c;
            const d = ((y0 + y) * W + x0 + x) * 4;
            px[d] = images[s];
            px[d + 1] = images[s + g];
            px[d + 2] = images[s + b];
            px[d + 3] = 255;
          }
        }
      }),
    );
    ctx.putImageData(out, 0, 0);
  }, [images, rows, h, w, c, W, H]);

  if (!count) return <p className="muted">No sample images.</p>;
  const rowStyle = { gridAutoRows: `${h * scale}px`, rowGap: `${GAP * scale}px` };
  return (
    <div className="sample-grid">
      {/* The row labels repeat the canvas's aria-label for sighted users; screen readers get that label. */}
      <ol className="sample-labels" aria-hidden="true" style={rowStyle}>
        {info.classNames.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ol>
      <canvas
        ref={ref}
        width={W}
        height={H}
        style={{ width: W * scale, height: H * scale }}
        role="img"
        data-testid="sample-grid"
        aria-label={
          `${count} sample training images, ${perClass} per class, one row per class: ` + info.classNames.join(', ')
        }
      />
    </div>
  );
});

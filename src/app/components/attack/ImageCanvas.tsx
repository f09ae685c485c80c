// One uint8 H×W×C image on a canvas at native resolution, scaled up in CSS with pixelated rendering (as the data
// panel's sample grid does): cheap to draw, and every source pixel stays a crisp square.
import { memo, useEffect, useRef } from 'react';

/** Writes an H×W×C uint8 image (C = 1 or 3) into RGBA pixels; grey repeats its channel. */
export function drawImage(ctx: CanvasRenderingContext2D, img: Uint8Array, [h, w, c]: readonly number[]): void {
  const out = ctx.createImageData(w, h);
  const px = out.data;
  const g = c >= 3 ? 1 : 0;
  const b = c >= 3 ? 2 : 0;
  for (let i = 0, s = 0; i < h * w; i++, s += c) {
    px[i * 4] = img[s];
    px[i * 4 + 1] = img[s + g];
    px[i * 4 + 2] = img[s + b];
    px[i * 4 + 3] = 255;
  }
  ctx.putImageData(out, 0, 0);
}

interface Props {
  image: Uint8Array;
  shape: readonly [number, number, number];
  /** On-screen size of the longer side, px (rounded to a whole multiple of the image size). */
  size: number;
  label: string;
  testId?: string;
}

export const ImageCanvas = memo(function ImageCanvas({ image, shape, size, label, testId }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w] = shape;
  const scale = Math.max(1, Math.round(size / Math.max(h, w)));
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) drawImage(ctx, image, shape);
  }, [image, shape]);
  return (
    <canvas
      ref={ref}
      className="lab-image"
      width={w}
      height={h}
      style={{ width: w * scale, height: h * scale }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
});

// "PNG" for a chart: the figure's recharts SVG on a white canvas with a title and the models' legend, for slides.
import { useRef, useState } from 'react';
import { download, fileName, svgToPng, type PngLegend } from '../../lib/exportFiles';

export function ChartPngButton({
  title,
  legend,
  name,
  testId,
}: {
  title: string;
  legend: PngLegend[];
  name: string;
  testId?: string;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const svg = ref.current?.closest('figure')?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) return;
    try {
      setError(null);
      download(await svgToPng(svg, title, legend), fileName(name, 'png'));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <>
      <button
        ref={ref}
        type="button"
        className="small"
        data-testid={testId}
        onClick={save}
        aria-label={`Save the ${title} chart as PNG`}
      >
        PNG
      </button>
      {error ? <span className="field-error">Could not export the PNG: {error}</span> : null}
    </>
  );
}

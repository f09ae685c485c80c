// The loaded data set as the worker found it: shape, what the files held, where it came from, what it costs in
// memory, anything odd about it, and its samples and class counts. Shown only for the set the form selects.
import { memo } from 'react';
import type { DataInfo } from '../../../worker/protocol';
import { useStore } from '../../store';
import { ClassCounts } from './ClassCounts';
import { SampleGrid } from './SampleGrid';
import { mb, shapeText } from './format';

function originText(info: DataInfo): string {
  // A cacheNote means the cache write failed, so "and cached" would be untrue.
  const kept = info.cacheNote ? '' : ' and cached';
  switch (info.origin) {
    case 'cache':
      return 'from the browser cache';
    case 'download':
      return `downloaded${kept}`;
    case 'import':
      return `imported${kept}`;
    case 'embedded':
      return 'embedded';
    case 'synthetic':
      return 'generated';
  }
}

const seconds = (s: number) => (s < 0.05 ? 'under 0.1 s' : `${s < 10 ? s.toFixed(1) : Math.round(s)} s`);

export const DataSummary = memo(function DataSummary() {
  const info = useStore((s) => s.dataInfo);
  const selected = useStore((s) => s.draft.data.dataset);
  if (!info || info.dataset !== selected) return null;
  const colour = info.shape[2] === 1 ? 'grey' : 'colour';

  return (
    <section className="data-summary" data-testid="data-summary" aria-label={`Loaded data set: ${info.name}`}>
      <div className="data-summary-head">
        <strong>{info.name}</strong>
        <span className="data-shape" title="height × width × channels">
          {shapeText(info.shape)} ({colour})
        </span>
      </div>
      <p className="data-summary-text">{info.summary}</p>
      <ul className="data-facts">
        <li>{originText(info)}</li>
        <li>loaded in {seconds(info.seconds)}</li>
        <li>holds {mb(info.residentBytes)} in the worker, uint8</li>
      </ul>
      {info.warnings.length ? (
        <ul className="data-warnings" aria-label="Warnings">
          {info.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {info.cacheNote ? <div className="note data-note-warn">{info.cacheNote}</div> : null}
      <details className="data-samples" open>
        <summary>Samples and class counts</summary>
        <div className="data-samples-body">
          <SampleGrid info={info} />
          <ClassCounts info={info} />
        </div>
      </details>
    </section>
  );
});

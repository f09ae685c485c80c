// A download, import or cache read in progress: what is happening, how far, how much, and how long is left.
// Stages without a known total (parsing, cache writes) show a moving, indeterminate bar instead of a guess.
import { memo } from 'react';
import type { DataProgress } from '../../../worker/protocol';
import { useStore } from '../../store';
import { countText, eta, mb } from './format';

/** Stages that count bytes; the others count items. */
const BYTE_STAGES: ReadonlySet<DataProgress['stage']> = new Set(['download', 'read']);

function amount(p: DataProgress): string {
  if (BYTE_STAGES.has(p.stage)) return `${(p.loaded / 1e6).toFixed(1)} of ${mb(p.total)}`;
  return `${countText(p.loaded)} of ${countText(p.total)}`;
}

export const DataProgressBar = memo(function DataProgressBar() {
  const p = useStore((s) => s.dataProgress);
  if (!p) return null;
  const known = p.total > 0;
  const percent = known ? Math.min(100, Math.max(0, (100 * p.loaded) / p.total)) : 0;
  const left = known ? eta(p.etaSeconds) : null;
  const detail = known ? [amount(p), `${Math.floor(percent)} %`, left].filter(Boolean).join(' · ') : null;

  return (
    <div className="data-progress" data-testid="data-progress">
      <div className="data-progress-label">
        <span>{p.label}…</span>
        {detail ? <span className="data-progress-detail">{detail}</span> : null}
      </div>
      <div
        className={`bar data-bar${known ? '' : ' data-bar-indeterminate'}`}
        role="progressbar"
        aria-label={p.label}
        aria-valuemin={known ? 0 : undefined}
        aria-valuemax={known ? 100 : undefined}
        // Indeterminate progress has no value (ARIA): screen readers then say "busy" rather than "0 %".
        aria-valuenow={known ? Math.floor(percent) : undefined}
        aria-valuetext={detail ?? 'working'}
      >
        <div className="bar-fill" style={known ? { transform: `scaleX(${percent / 100})` } : undefined} />
      </div>
    </div>
  );
});

// Accuracy under corruptions as a model × corruption table (mean over the severities run), cells shaded by
// accuracy, with the clean and the mean corruption accuracy beside; the numbers are always printed too.
import { memo } from 'react';
import type { CorruptionResult } from '../../../worker/attackProtocol';
import { CORRUPTION_NAMES } from './corruptionNames';
import type { LabModel } from './labHooks';

/** White (0%) to dark blue (100%); text turns white where the cell gets dark. */
function heat(acc: number): { background: string; color: string } {
  const a = Math.min(1, Math.max(0, acc));
  return { background: `hsl(212 70% ${97 - a * 60}%)`, color: a > 0.55 ? '#fff' : '#111' };
}

const pct1 = (a: number | undefined) => (a === undefined || !Number.isFinite(a) ? '–' : (a * 100).toFixed(1));

export const CorruptionHeatmap = memo(function CorruptionHeatmap(props: {
  result: CorruptionResult;
  models: LabModel[];
}) {
  const { result: r, models } = props;
  const res = r.result;
  return (
    // Wider than the column on small screens: a focusable region, so the keyboard can scroll it too.
    <div className="table-wrap" role="region" aria-label="Corruption accuracy table" tabIndex={0}>
      <table className="lab-heatmap" data-testid="corruption-heatmap">
        <caption className="muted">
          Accuracy (%) under each corruption, mean over severities {res.severities.join(', ')} · {res.count} test images
          · seed {res.seed} · {r.seconds.toFixed(1)} s · darker is more accurate
        </caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Clean
            </th>
            {res.corruptions.map((c) => (
              <th key={c} scope="col" className="num">
                {CORRUPTION_NAMES[c]}
              </th>
            ))}
            <th scope="col" className="num">
              Mean over corruptions
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => {
            const mr = res.models[m.id];
            if (!mr) return null;
            return (
              <tr key={m.id} data-model={m.id}>
                <th scope="row">
                  <span className="swatch" style={{ background: m.color }} aria-hidden="true" />
                  {m.label}
                </th>
                <td className="num" style={heat(mr.clean)}>
                  {pct1(mr.clean)}
                </td>
                {res.corruptions.map((c) => {
                  const a = mr.perCorruption[c];
                  return (
                    <td key={c} className="num" style={a === undefined ? undefined : heat(a)}>
                      {pct1(a)}
                    </td>
                  );
                })}
                <td className="num heat-mean" style={heat(mr.mean)}>
                  {pct1(mr.mean)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

// The ε sweep as numbers: model × ε robust accuracy (the first column, ε = 0, is the clean accuracy).
import { memo } from 'react';
import type { SweepResult } from '../../../worker/attackProtocol';
import type { EpsUnits } from './epsUnits';
import type { LabModel } from './labHooks';
import { robustRows } from './robustSeries';
import { ScrollRegion } from '../ScrollRegion';

interface Props {
  result: SweepResult;
  models: LabModel[];
  units: EpsUnits;
  caption: string;
}

export const SweepTable = memo(function SweepTable({ result, models, units, caption }: Props) {
  const rows = robustRows(result);
  const shown = models.filter((m) => result.sweep.models[m.id]);
  return (
    <ScrollRegion label="Robust accuracy table">
      <table data-testid="sweep-table">
        <caption className="muted">
          {caption} · columns: ε{units.colour ? ' (/255)' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            {rows.map((r) => (
              <th key={r.eps} scope="col" className="num">
                {r.eps === 0 ? 'clean' : `${units.short(r.eps)}${units.unit}`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((m) => (
            <tr key={m.id} data-model={m.id}>
              <th scope="row">
                <span className="swatch" style={{ background: m.color }} aria-hidden="true" />
                {m.label}
                {m.id === result.source ? <span className="muted"> (source)</span> : null}
              </th>
              {rows.map((r) => (
                <td key={r.eps} className="num">
                  {r[m.id] === undefined ? '–' : r[m.id].toFixed(1)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
});

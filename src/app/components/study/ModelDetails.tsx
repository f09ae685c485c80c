// The models' architecture, size and cost, folded away under the results table so that the table itself fits the
// run column: one row per model, time and speed averaged over the finished seeds.
import type { ModelResult } from '../../../core/train/events';
import { count, fixed, rate } from '../../lib/format';
import { ScrollRegion } from '../ScrollRegion';

interface Detail {
  id: string;
  label: string;
  architecture: string;
  params: number;
  seconds: number;
  imgPerSec: number;
  n: number;
}

/** Per model (first-seen order), its architecture and the mean time and speed over the runs given. */
export function modelDetails(runs: readonly (readonly ModelResult[])[]): Detail[] {
  const byId = new Map<string, Detail>();
  for (const results of runs)
    for (const r of results) {
      const d = byId.get(r.id);
      if (!d) byId.set(r.id, { ...r, n: 1 });
      else {
        d.seconds = (d.seconds * d.n + r.seconds) / (d.n + 1);
        d.imgPerSec = (d.imgPerSec * d.n + r.imgPerSec) / (d.n + 1);
        d.n++;
      }
    }
  return [...byId.values()].map(({ id, label, architecture, params, seconds, imgPerSec, n }) => ({
    id,
    label,
    architecture,
    params,
    seconds,
    imgPerSec,
    n,
  }));
}

export function ModelDetails({ runs }: { runs: readonly (readonly ModelResult[])[] }) {
  const rows = modelDetails(runs);
  if (!rows.length) return null;
  const many = runs.length > 1;
  return (
    <details className="model-details">
      <summary>Architecture, parameters and training time</summary>
      <ScrollRegion label="Model details table">
        <table data-testid="model-details">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Architecture</th>
              <th scope="col" className="num">
                Params
              </th>
              <th scope="col" className="num">
                Time (s){many ? ', mean per seed' : ''}
              </th>
              <th scope="col" className="num">
                img/s
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.label}</th>
                <td className="arch-cell">{r.architecture}</td>
                <td className="num">{count(r.params)}</td>
                <td className="num">{fixed(r.seconds, 1)}</td>
                <td className="num">{rate(r.imgPerSec)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}

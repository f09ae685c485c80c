// Images per class in the loaded set, training and test, with a bar per class so an imbalanced or truncated
// import (one CIFAR batch, a partial idx file) stands out.
import { memo } from 'react';
import type { DataInfo } from '../../../worker/protocol';
import { countText } from './format';

export const ClassCounts = memo(function ClassCounts({ info }: { info: DataInfo }) {
  const { train, test } = info.classCounts;
  const max = Math.max(1, ...train);
  const sum = (a: number[]) => a.reduce((s, n) => s + n, 0);
  return (
    <table className="class-counts" data-testid="class-counts">
      <caption className="muted">Images per class</caption>
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col" className="num">
            Train
          </th>
          <th scope="col" className="num">
            Test
          </th>
        </tr>
      </thead>
      <tbody>
        {info.classNames.map((name, k) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num class-count-train">
              <span
                className="class-count-bar"
                style={{ width: `calc((100% - 0.8rem) * ${(train[k] ?? 0) / max})` }}
                aria-hidden="true"
              />
              <span className="class-count-value">{countText(train[k] ?? 0)}</span>
            </td>
            <td className="num">{countText(test[k] ?? 0)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="num">{countText(sum(train))}</td>
          <td className="num">{countText(sum(test))}</td>
        </tr>
      </tfoot>
    </table>
  );
});

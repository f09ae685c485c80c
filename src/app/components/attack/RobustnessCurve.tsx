// Robust accuracy vs ε for every model: white-box (each model attacked through its own gradients) or transfer
// (examples crafted on the source model). Chart, table, throughput, and CSV export.
import { useId, useMemo, useState } from 'react';
import { defaultEpsList } from '../../../core/attacks/types';
import { download, fileName, sweepCsv } from '../../lib/exportFiles';
import { formatDuration, rate } from '../../lib/format';
import { useStore } from '../../store';
import { NumberField, SelectField } from '../fields';
import { formatEpsList, parseEpsList } from './epsUnits';
import { useEpsUnits, useLabModels, useSourceId, type LabModel } from './labHooks';
import { RobustChart } from './RobustChart';
import { sweepTitle } from './robustSeries';
import { SweepTable } from './SweepTable';

type Mode = 'white-box' | 'transfer';

export function RobustnessCurve() {
  const u = useEpsUnits();
  const defaultSubset = useStore((s) => s.runConfig?.attack.subset ?? 500);
  const testCount = useStore((s) => s.dataset?.test ?? null);
  const [epsText, setEpsText] = useState(() => formatEpsList(defaultEpsList({ channels: u.colour ? 3 : 1 }), u));
  const [subset, setSubset] = useState(defaultSubset);
  const [mode, setMode] = useState<Mode>('white-box');
  const busy = useStore((s) => s.attackBusy !== null);
  const run = useStore((s) => s.runAttackSweep);
  const source = useSourceId();
  const parsed = useMemo(() => parseEpsList(epsText, u), [epsText, u]);
  const epsId = useId();
  const listError = 'error' in parsed ? parsed.error : null;

  return (
    <section className="lab-section" aria-labelledby="sweep-heading">
      <h3 id="sweep-heading">Robust accuracy vs ε</h3>
      <div className="grid">
        <div className={`field${listError ? ' field-invalid' : ''}`}>
          <label htmlFor={epsId}>ε list{u.colour ? ' (/255)' : ''}</label>
          <input
            id={epsId}
            type="text"
            className="lab-text"
            value={epsText}
            data-testid="sweep-eps"
            aria-invalid={listError ? true : undefined}
            aria-describedby={`${epsId}-hint`}
            onChange={(e) => setEpsText(e.target.value)}
          />
          <div className={listError ? 'field-error' : 'field-hint'} id={`${epsId}-hint`}>
            {listError ?? 'comma-separated; 0 (clean accuracy) is always included'}
          </div>
        </div>
        <NumberField
          label="Test images"
          path="lab.sweepSubset"
          value={subset}
          min={10}
          max={10000}
          step={1}
          defaultValue={defaultSubset}
          note={testCount !== null ? `of ${testCount} (seeded sample)` : undefined}
          onChange={(v) => Number.isInteger(v) && v >= 10 && v <= 10000 && setSubset(v)}
        />
        <SelectField<Mode>
          label="Mode"
          path="lab.sweepMode"
          value={mode}
          options={[
            { value: 'white-box', label: 'White-box: each model, its own gradients' },
            { value: 'transfer', label: 'Transfer from the source model' },
          ]}
          defaultValue="white-box"
          onChange={setMode}
        />
      </div>
      <div className="button-row lab-actions">
        <button
          type="button"
          className="primary"
          data-testid="run-sweep"
          disabled={busy || listError !== null || (mode === 'transfer' && source === null)}
          onClick={() => 'list' in parsed && run(parsed.list, subset, mode === 'transfer' ? source : null)}
        >
          Run ε sweep
        </button>
      </div>
      <SweepResults />
    </section>
  );
}

function SweepResults() {
  const result = useStore((s) => s.attackSweep);
  const labModels = useLabModels();
  const u = useEpsUnits();
  const models = useMemo<LabModel[]>(() => {
    const colors = new Map(labModels.map((m) => [m.id, m.color]));
    return (result?.models ?? []).map((m) => ({ ...m, color: colors.get(m.id) ?? '#888' }));
  }, [result, labModels]);
  if (!result) return null;
  const sourceLabel = models.find((m) => m.id === result.source)?.label ?? null;
  const title = sweepTitle(result, sourceLabel, u);
  const { count, seed } = result.sweep;
  return (
    <div className="lab-results">
      <div className="button-row">
        <p className="lab-stats" data-testid="sweep-stats">
          {rate(result.imgPerSec)} img/s · {result.seconds.toFixed(1)} s ({formatDuration(result.seconds)}) · {count}{' '}
          test images · seed {seed}
        </p>
        <button
          type="button"
          className="small"
          data-testid="export-csv"
          onClick={() => download(sweepCsv(result), fileName('robustness', 'csv'), 'text/csv')}
        >
          CSV
        </button>
      </div>
      <RobustChart result={result} models={models} units={u} title={title} />
      <SweepTable
        result={result}
        models={models}
        units={u}
        caption={`Robust accuracy (%): correct on the clean image and after the attack · ${title}`}
      />
    </div>
  );
}

// Natural robustness: accuracy of every model under CIFAR-10-C-style corruptions, as a heatmap with CSV export,
// and a preview strip of one test image under each corruption (requested when the section is opened).
import { useEffect, useId, useMemo, useState } from 'react';
import { CORRUPTIONS, SEVERITIES, type Corruption, type Severity } from '../../../core/robustness/severity';
import { corruptionCsv, download, fileName } from '../../lib/exportFiles';
import { useStore } from '../../store';
import { NumberField } from '../fields';
import { CorruptionHeatmap } from './CorruptionHeatmap';
import { CORRUPTION_NAMES } from './corruptionNames';
import { CorruptionPreview } from './CorruptionPreview';
import { useClassNames, useLabModels, type LabModel } from './labHooks';

/** Toggles one value of a set, keeping the canonical order. */
function toggle<T>(all: readonly T[], chosen: T[], v: T): T[] {
  return all.filter((x) => (x === v ? !chosen.includes(v) : chosen.includes(x)));
}

export function CorruptionLab() {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Corruption[]>([...CORRUPTIONS]);
  const [severities, setSeverities] = useState<Severity[]>([...SEVERITIES]);
  const [subset, setSubset] = useState(200);
  const busy = useStore((s) => s.attackBusy !== null);
  const run = useStore((s) => s.runCorruptions);
  const testCount = useStore((s) => s.dataset?.test ?? null);
  const ready = chosen.length > 0 && severities.length > 0;

  return (
    <details className="lab-section lab-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h3>Natural robustness (corruptions)</h3>
      </summary>
      <fieldset>
        <legend>Corruptions</legend>
        <div className="lab-checks">
          {CORRUPTIONS.map((c) => (
            <Check
              key={c}
              label={CORRUPTION_NAMES[c]}
              checked={chosen.includes(c)}
              onToggle={() => setChosen((x) => toggle(CORRUPTIONS, x, c))}
            />
          ))}
        </div>
      </fieldset>
      <div className="grid">
        <fieldset>
          <legend>Severities</legend>
          <div className="lab-checks">
            {SEVERITIES.map((s) => (
              <Check
                key={s}
                label={String(s)}
                checked={severities.includes(s)}
                onToggle={() => setSeverities((x) => toggle(SEVERITIES, x, s))}
              />
            ))}
          </div>
        </fieldset>
        <NumberField
          label="Test images"
          path="lab.corruptionSubset"
          value={subset}
          min={10}
          max={10000}
          step={1}
          defaultValue={200}
          note={testCount !== null ? `of ${testCount}` : undefined}
          onChange={(v) => Number.isInteger(v) && v >= 10 && v <= 10000 && setSubset(v)}
        />
      </div>
      <div className="button-row lab-actions">
        <button
          type="button"
          className="primary"
          data-testid="run-corruptions"
          disabled={busy || !ready}
          onClick={() => run(chosen, severities, subset)}
        >
          Run corruptions
        </button>
        {!ready ? <span className="field-error">Choose at least one corruption and one severity.</span> : null}
      </div>
      <CorruptionResults />
      {open ? <PreviewSection /> : null}
    </details>
  );
}

function Check({ label, checked, onToggle }: { label: string; checked: boolean; onToggle: () => void }) {
  return (
    <label className="inline-check">
      <input type="checkbox" checked={checked} onChange={onToggle} />
      {label}
    </label>
  );
}

function CorruptionResults() {
  const result = useStore((s) => s.attackCorruptions);
  const labModels = useLabModels();
  const models = useMemo<LabModel[]>(() => {
    const colors = new Map(labModels.map((m) => [m.id, m.color]));
    return (result?.models ?? []).map((m) => ({ ...m, color: colors.get(m.id) ?? '#888' }));
  }, [result, labModels]);
  if (!result) return null;
  return (
    <div className="lab-results">
      <div className="button-row">
        <button
          type="button"
          className="small"
          data-testid="export-corruptions-csv"
          onClick={() => download(corruptionCsv(result), fileName('corruptions', 'csv'), 'text/csv')}
        >
          CSV
        </button>
      </div>
      <CorruptionHeatmap result={result} models={models} />
    </div>
  );
}

function PreviewSection() {
  const id = useId();
  const last = useStore((s) => Math.max(0, (s.dataset?.test ?? 1) - 1));
  const [index, setIndex] = useState(0);
  const preview = useStore((s) => s.attackPreview);
  const pending = useStore((s) => s.previewPending);
  const request = useStore((s) => s.previewCorruptions);
  const classNames = useClassNames();
  const shownIndex = preview?.index;

  // Mounted when the section opens; a new index (debounced while arrowing through) asks again. The index is
  // clamped here as the worker clamps it, so an answer always matches and never triggers another request.
  useEffect(() => {
    if (shownIndex === index) return;
    const t = setTimeout(() => request(index), 250);
    return () => clearTimeout(t);
  }, [index, shownIndex, request]);

  return (
    <div className="lab-preview">
      <div className="field lab-index">
        <label htmlFor={id}>Preview image (test index)</label>
        <input
          id={id}
          type="number"
          min={0}
          max={last}
          step={1}
          value={index}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const v = Math.round(Number(e.target.value));
            if (e.target.value.trim() !== '' && Number.isFinite(v)) setIndex(Math.min(last, Math.max(0, v)));
          }}
        />
        <div className="field-hint" id={`${id}-hint`}>
          0–{last}
          {pending ? ' · loading…' : ''}
        </div>
      </div>
      {preview ? <CorruptionPreview preview={preview} classNames={classNames} /> : null}
    </div>
  );
}

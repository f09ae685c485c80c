// The data-set controls: which set (with what this browser has of it), how many images, and augmentation.
import { memo, useMemo } from 'react';
import { AUGMENTS, type Augment } from '../../../core/config/schema';
import type { DataCatalog, DataInfo } from '../../../worker/protocol';
import { useStore } from '../../store';
import { Fields, SelectField } from '../fields';
import { DATASET_IDS, DATASET_LABELS, isRealDataset, PRESET_DATA, SIZE_LIMITS, type DatasetId } from './datasets';
import { countText, mb } from './format';

const AUGMENT_LABELS: Record<Augment, string> = {
  none: 'None',
  crop: 'Random crop (4 px)',
  'crop-flip': 'Crop + horizontal flip',
};
const AUGMENT_OPTIONS = AUGMENTS.map((a) => ({ value: a, label: AUGMENT_LABELS[a] }));
const CHANNEL_OPTIONS = [
  { value: '1', label: '1 (grey)' },
  { value: '3', label: '3 (colour)' },
] as const;

/** "CIFAR-10 — cached, 61.4 MB": what selecting a real set will cost, before the user selects it. */
function optionLabel(id: DatasetId, catalog: DataCatalog | null): string {
  const entry = isRealDataset(id) ? catalog?.entries.find((e) => e.id === id) : undefined;
  if (!entry) return DATASET_LABELS[id];
  const how = entry.cached
    ? `cached, ${mb(entry.cached.bytes)}`
    : entry.prepared
      ? `download ${mb(entry.prepared.bytes)}`
      : 'import files';
  return `${DATASET_LABELS[id]} — ${how}`;
}

/** Images a real set has, from its loaded description or else the deployment's manifest. */
function available(id: DatasetId, info: DataInfo | null, catalog: DataCatalog | null) {
  if (!isRealDataset(id)) return null; // embedded and synthetic sets are described at their configured size
  if (info?.dataset === id) {
    const sum = (a: number[]) => a.reduce((s, n) => s + n, 0);
    return { train: sum(info.classCounts.train), test: sum(info.classCounts.test) };
  }
  return catalog?.entries.find((e) => e.id === id)?.prepared?.counts ?? null;
}

export const DataFields = memo(function DataFields() {
  const d = useStore((s) => s.draft.data);
  const catalog = useStore((s) => s.catalog);
  const info = useStore((s) => s.dataInfo);
  const setField = useStore((s) => s.setField);
  const setDataset = useStore((s) => s.setDataset);

  const options = useMemo(() => DATASET_IDS.map((id) => ({ value: id, label: optionLabel(id, catalog) })), [catalog]);
  const limits = SIZE_LIMITS[d.dataset];
  const preset = PRESET_DATA[d.dataset];
  const avail = available(d.dataset, info, catalog);
  const note = (n: number | undefined) => (n !== undefined ? `at most ${countText(n)} available` : undefined);
  const size = { kind: 'number', min: limits.min, step: 1 } as const;
  const synth = preset.dataset === 'synthetic' ? preset : undefined;

  return (
    <div className="grid">
      <div className="data-dataset">
        <SelectField<DatasetId>
          label="Data set"
          path="data.dataset"
          value={d.dataset}
          options={options}
          defaultValue="mnist-10k"
          testId="dataset-select"
          onChange={setDataset}
        />
      </div>
      <Fields
        onField={setField}
        specs={[
          {
            ...size,
            label: 'Training images',
            path: 'data.trainSize',
            value: d.trainSize,
            max: limits.train,
            defaultValue: preset.trainSize,
            note: note(avail?.train),
          },
          {
            ...size,
            label: 'Test images',
            path: 'data.testSize',
            value: d.testSize,
            max: limits.test,
            defaultValue: preset.testSize,
            note: note(avail?.test),
          },
          d.dataset === 'synthetic' && {
            kind: 'number',
            label: 'Image size',
            path: 'data.size',
            value: d.size,
            min: 4,
            max: 32,
            step: 1,
            unit: 'px',
            defaultValue: synth?.size,
          },
          d.dataset === 'synthetic' && {
            kind: 'select',
            label: 'Channels',
            path: 'data.channels',
            value: String(d.channels),
            options: CHANNEL_OPTIONS,
            defaultValue: synth ? String(synth.channels) : undefined,
            onChange: (v) => setField('data.channels', Number(v)),
          },
          'augment' in d && {
            kind: 'select',
            label: 'Augmentation',
            path: 'data.augment',
            value: d.augment,
            options: AUGMENT_OPTIONS,
            defaultValue: 'augment' in preset ? preset.augment : undefined,
            testId: 'augment-select',
            hint: 'training batches only; flips suit CIFAR-10, not digits',
          },
        ]}
      />
    </div>
  );
});

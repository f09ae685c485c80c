// Adversarial examples to look at: a few test images attacked on the source model, shown as original,
// amplified perturbation and adversarial image, with every model's prediction before → after.
import { memo, useMemo, useState } from 'react';
import { attackLabel } from '../../../core/attacks/types';
import type { Prediction } from '../../../core/attacks/gallery';
import type { GalleryImage, GalleryPick, GalleryResult } from '../../../worker/attackProtocol';
import { useStore } from '../../store';
import { NumberField, SelectField } from '../fields';
import { ImageCanvas } from './ImageCanvas';
import { useClassNames, useLabModels, useSourceId, type LabModel } from './labHooks';

const PICKS: { value: GalleryPick['mode']; label: string }[] = [
  { value: 'random', label: 'Random test images' },
  { value: 'class', label: 'Of one class' },
  { value: 'correct', label: 'Ones the source gets right' },
];

/** On-screen size of each image, px. */
const IMAGE_PX = 84;

export function AttackGallery() {
  const [mode, setMode] = useState<GalleryPick['mode']>('random');
  const [cls, setCls] = useState(0);
  const [count, setCount] = useState(6);
  const busy = useStore((s) => s.attackBusy !== null);
  const craft = useStore((s) => s.craftAttackGallery);
  const result = useStore((s) => s.attackGallery);
  const source = useSourceId();
  const classNames = useClassNames();

  return (
    <section className="lab-section" aria-labelledby="gallery-heading">
      <h3 id="gallery-heading">Adversarial examples</h3>
      <div className="grid">
        <SelectField<GalleryPick['mode']>
          label="Images"
          path="lab.pick"
          value={mode}
          options={PICKS}
          defaultValue="random"
          onChange={setMode}
        />
        {mode === 'class' ? (
          <SelectField
            label="Class"
            path="lab.pickClass"
            value={String(cls)}
            options={classNames.map((n, i) => ({ value: String(i), label: `${i}: ${n}` }))}
            onChange={(c) => setCls(Number(c))}
          />
        ) : null}
        <NumberField
          label="How many"
          path="lab.count"
          value={count}
          min={1}
          max={16}
          step={1}
          defaultValue={6}
          onChange={(v) => Number.isInteger(v) && v >= 1 && v <= 16 && setCount(v)}
        />
      </div>
      <div className="button-row lab-actions">
        <button
          type="button"
          className="primary"
          data-testid="craft-gallery"
          disabled={busy || source === null}
          onClick={() => source && craft({ mode, count, ...(mode === 'class' ? { cls } : {}) }, source)}
        >
          Craft examples
        </button>
      </div>
      {result ? <GalleryView result={result} /> : null}
    </section>
  );
}

const GalleryView = memo(function GalleryView({ result }: { result: GalleryResult }) {
  const models = useLabModels();
  const colors = useMemo(() => new Map(models.map((m) => [m.id, m.color])), [models]);
  const sourceLabel = result.models.find((m) => m.id === result.source)?.label ?? result.source;
  const fooled = result.items.filter((it) => it.after[result.source]?.cls !== it.label).length;
  return (
    <>
      <p className="muted" data-testid="gallery-summary">
        {attackLabel(result.attack)} crafted on <strong>{sourceLabel}</strong> · seed {result.seed} ·{' '}
        {result.seconds.toFixed(1)} s · the source is wrong on {fooled} of {result.items.length} after the attack
      </p>
      <ul className="lab-gallery" aria-label="Adversarial examples">
        {result.items.map((it) => (
          <GalleryItem
            key={it.index}
            item={it}
            result={result}
            models={result.models.map((m) => ({ ...m, color: colors.get(m.id) ?? '#888' }))}
          />
        ))}
      </ul>
    </>
  );
});

function GalleryItem({ item, result, models }: { item: GalleryImage; result: GalleryResult; models: LabModel[] }) {
  const names = result.classNames;
  const truth = names[item.label] ?? String(item.label);
  const what = `test image ${item.index} (${truth})`;
  return (
    <li className="lab-gallery-item" data-testid="gallery-item">
      <h4>
        #{item.index} · true: {truth}
      </h4>
      <div className="lab-gallery-images">
        <figure>
          <ImageCanvas image={item.original} shape={result.shape} size={IMAGE_PX} label={`Original ${what}`} />
          <figcaption>original</figcaption>
        </figure>
        <figure>
          <ImageCanvas
            image={item.perturbation}
            shape={result.shape}
            size={IMAGE_PX}
            label={`Perturbation of ${what}, amplified; mid-grey is unchanged`}
          />
          <figcaption>
            δ ×(127/ε), max |δ| = {item.maxAbs.toFixed(3)} = {+(item.maxAbs * 255).toFixed(1)}/255
          </figcaption>
        </figure>
        <figure>
          <ImageCanvas image={item.adversarial} shape={result.shape} size={IMAGE_PX} label={`Adversarial ${what}`} />
          <figcaption>adversarial</figcaption>
        </figure>
      </div>
      <table className="lab-gallery-table">
        <caption className="visually-hidden">Predictions on {what} before and after the attack</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id} data-testid="gallery-model-row" data-model={m.id}>
              <th scope="row">
                <span className="swatch" style={{ background: m.color }} aria-hidden="true" />
                {m.label}
                {m.id === result.source ? <span className="muted"> (source)</span> : null}
              </th>
              <PredCell p={item.before[m.id]} label={item.label} names={names} />
              <PredCell p={item.after[m.id]} label={item.label} names={names} />
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

function PredCell({ p, label, names }: { p: Prediction | undefined; label: number; names: string[] }) {
  if (!p) return <td className="muted">–</td>;
  const wrong = p.cls !== label;
  // The mark repeats the colour for readers who cannot see red.
  return (
    <td className={wrong ? 'pred-wrong' : 'pred-right'}>
      {wrong ? '✗' : '✓'} {names[p.cls] ?? p.cls} {(p.conf * 100).toFixed(0)}%
    </td>
  );
}

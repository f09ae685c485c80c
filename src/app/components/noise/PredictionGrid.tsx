// Live predictions: 8 fixed test images (seeded, class-balanced where possible) and each model's guess with its
// confidence, updated after every epoch. One row per model in the charts' colours; ✓/✗ repeat the colour in a
// mark, and every cell's text for screen readers says "true 7, predicted 7 (94 %)".
import { memo, useMemo } from 'react';
import type { PredictionGrid as Grid } from '../../../worker/protocol';
import { colorOf, colorsFor } from '../../lib/colors';
import { ImageCanvas } from '../attack/ImageCanvas';
import { useDeferredStore } from '../../store/useDeferredStore';
import type { Store } from '../../store/types';
import { className, pct, predictionText } from './noiseText';
import './noise.css';

const IMAGE_PX = 48;
const selGrid = (s: Store) => s.predictionGrid;
const selPlan = (s: Store) => s.plan;

export const PredictionGrid = memo(function PredictionGrid() {
  const grid = useDeferredStore(selGrid);
  return (
    <section className="panel prediction-grid" data-testid="prediction-grid" aria-labelledby="prediction-heading">
      <h2 id="prediction-heading">Live predictions</h2>
      {grid ? (
        <GridTable grid={grid} />
      ) : (
        <p className="muted">After every epoch, each model’s guess for 8 fixed test images appears here.</p>
      )}
    </section>
  );
});

function GridTable({ grid }: { grid: Grid }) {
  const plan = useDeferredStore(selPlan);
  const colors = useMemo(() => colorsFor(plan), [plan]);
  const [h, w, c] = grid.shape;
  const images = useMemo(
    () => grid.labels.map((_, i) => grid.images.subarray(i * h * w * c, (i + 1) * h * w * c)),
    [grid.images, grid.labels, h, w, c],
  );
  const names = grid.classNames;
  return (
    <>
      <p data-testid="prediction-epoch">
        After epoch {grid.epoch} of {grid.epochs} of <strong>{grid.phaseLabel}</strong>
      </p>
      {/* Scrolls sideways on narrow screens: focusable, so the keyboard can scroll it too. */}
      <div className="prediction-scroll" tabIndex={0} role="region" aria-label="Prediction table">
        <table className="prediction-table">
          <caption className="visually-hidden">
            Each model’s prediction and confidence for 8 fixed test images, after epoch {grid.epoch} of{' '}
            {grid.phaseLabel}
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              {images.map((img, i) => (
                <th scope="col" key={i}>
                  <ImageCanvas
                    image={img}
                    shape={grid.shape}
                    size={IMAGE_PX}
                    label={`Test image ${i + 1}, true class ${className(names, grid.labels[i])}`}
                  />
                  <span className="prediction-true">true {className(names, grid.labels[i])}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.models.map((m) => (
              <tr key={m.id} data-testid="prediction-row" data-model={m.id}>
                <th scope="row">
                  <span className="swatch" style={{ background: colorOf(colors, m.id) }} aria-hidden="true" />
                  {m.label}
                </th>
                {m.predictions.map((p, i) => {
                  const right = p.predicted === grid.labels[i];
                  return (
                    <td
                      key={i}
                      className={right ? 'prediction-right' : 'prediction-wrong'}
                      title={predictionText(names, grid.labels[i], p)}
                    >
                      <span aria-hidden="true">
                        {right ? '✓' : '✗'} {className(names, p.predicted)}
                        <br />
                        <span className="prediction-conf">{pct(p.confidence)}</span>
                      </span>
                      <span className="visually-hidden">{predictionText(names, grid.labels[i], p)}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

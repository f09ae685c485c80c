// "See the noise": one fixed test image and what the noise sources of the model in training do to it right now — the
// clean image and x + σε, the teacher's soft targets at T (a fickle teacher's spread over its dropout masks), and the
// labels flipped in the latest batch. Closed by default; the worker computes its views only while it is open.
import { memo, useMemo } from 'react';
import type { NoiseView } from '../../../worker/protocol';
import { ImageCanvas } from '../attack/ImageCanvas';
import { useStore } from '../../store';
import { useDeferredStore } from '../../store/useDeferredStore';
import type { Store } from '../../store/types';
import { ClassBars, type BarRow } from './ClassBars';
import { className, noisyText, pct, sourcesText, whereText } from './noiseText';
import './noise.css';

const IMAGE_PX = 140;
const selOpen = (s: Store) => s.noiseOpen;
const selView = (s: Store) => s.noiseView;

export const NoisePanel = memo(function NoisePanel() {
  const open = useStore(selOpen);
  const setOpen = useStore((s) => s.setNoiseOpen);
  return (
    <section className="panel noise-panel" data-testid="noise-panel" aria-labelledby="noise-heading">
      <div className="panel-head">
        <h2 id="noise-heading">See the noise</h2>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="noise-body"
          data-testid="noise-toggle"
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide the noise' : 'Show the noise'}
        </button>
      </div>
      <div id="noise-body">
        {open ? (
          <NoiseBody />
        ) : (
          <p className="muted">
            Watch what the model in training’s noise sources do to one test image, live: input noise, the teacher’s soft
            targets, a fickle teacher’s spread, flipped labels.
          </p>
        )}
      </div>
    </section>
  );
});

function NoiseBody() {
  const view = useDeferredStore(selView);
  return (
    <div className="noise-body">
      {view ? (
        <ViewOf view={view} />
      ) : (
        <p className="muted">The noise appears here while a model trains (or is paused).</p>
      )}
    </div>
  );
}

function ViewOf({ view }: { view: NoiseView }) {
  const names = view.classNames;
  const truth = className(names, view.trueLabel);
  return (
    <>
      <p className="noise-model" data-testid="noise-model">
        <strong>{view.label}</strong> <span className="muted">· {whereText(view)}</span>
      </p>
      <ul className="noise-sources" data-testid="noise-sources">
        {sourcesText(view).map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <div className="noise-grid">
        <div className="noise-images">
          <figure>
            <ImageCanvas
              image={view.clean}
              shape={view.shape}
              size={IMAGE_PX}
              label={`Clean test image, true class ${truth}`}
              testId="noise-clean"
            />
            <figcaption>clean x (true {truth})</figcaption>
          </figure>
          {view.input ? (
            <figure>
              <ImageCanvas
                image={view.input.noisy}
                shape={view.shape}
                size={IMAGE_PX}
                label={noisyText(view)}
                testId="noise-noisy"
              />
              <figcaption>
                x + σε, σ = {view.input.sigma}
                <br />
                <span className="muted">mean |change| {view.input.meanAbsChange.toFixed(2)}</span>
              </figcaption>
            </figure>
          ) : null}
          {view.prediction ? (
            <p className="noise-prediction" data-testid="noise-prediction">
              On {view.input ? 'the noisy image' : 'this image'} the model predicts{' '}
              <strong>{className(names, view.prediction.predicted)}</strong> ({pct(view.prediction.confidence)}).
            </p>
          ) : null}
        </div>
        <Targets view={view} />
      </div>
      {view.labelNoise > 0 ? <Flips view={view} /> : null}
    </>
  );
}

function Targets({ view }: { view: NoiseView }) {
  const rows = useMemo((): BarRow[] | null => {
    if (view.spread)
      return view.spread.mean.map((m, k) => ({ value: m, lo: view.spread!.min[k], hi: view.spread!.max[k] }));
    return view.targets ? view.targets.probs.map((p) => ({ value: p })) : null;
  }, [view.spread, view.targets]);
  if (!rows) return null;
  const title = view.spread
    ? `Teacher's soft targets at T = ${view.spread.temperature} over ${view.spread.masks} dropout masks: mean and min–max`
    : `Teacher's soft targets at T = ${view.targets!.temperature} (clean image)`;
  return (
    <ClassBars
      title={title}
      rows={rows}
      classNames={view.classNames}
      trueLabel={view.trueLabel}
      testId={view.spread ? 'noise-spread' : 'noise-targets'}
    />
  );
}

function Flips({ view }: { view: NoiseView }) {
  const f = view.flips;
  const names = view.classNames;
  return (
    <div className="noise-flips" data-testid="noise-flips">
      <h3>Labels flipped in the latest batch</h3>
      {f ? (
        <>
          <p>
            <strong data-testid="noise-flip-count">
              {f.count} of {f.batch}
            </strong>{' '}
            labels replaced by another class (epoch {f.epoch + 1}, step {f.step}).
          </p>
          {f.examples.length ? (
            <ul className="noise-flip-list" aria-label="Examples of flipped labels, true → new">
              {f.examples.map((e, i) => (
                <li key={i}>
                  {className(names, e.from)} → {className(names, e.to)}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p className="muted">Shown from the first training batch.</p>
      )}
    </div>
  );
}

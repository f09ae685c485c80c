// A failed run: the worker's message, what it means, and a dismiss button. The app stays usable.
import { useStore } from '../store';

const HELP: Record<string, string> = {
  diverged: 'The loss exploded (NaN, infinite or far above chance level). Try a smaller learning rate.',
  backend: 'The compute backend failed. Try another one under Compute → Backend (WebAssembly is the safest).',
  data: 'The data set could not be loaded.',
  internal: 'Something went wrong inside the training worker.',
  'invalid-config': 'The config was rejected.',
};

export function RunError() {
  const err = useStore((s) => s.runError);
  const dismiss = useStore((s) => s.dismissError);
  if (!err) return null;
  return (
    <div role="alert" className="run-error" data-testid="run-error">
      <div>
        <strong>Run failed ({err.code}):</strong> {err.message}
        {HELP[err.code] && !/learning rate/i.test(err.message) ? <div className="muted">{HELP[err.code]}</div> : null}
      </div>
      <button type="button" onClick={dismiss} aria-label="Dismiss the error">
        Dismiss
      </button>
    </div>
  );
}

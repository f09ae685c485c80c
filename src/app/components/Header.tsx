// Title and a short explanation on one line, the share / presets / classroom group and the backend badge.
import { BACKEND_LABELS } from '../lib/format';
import { tunedLines } from '../lib/tuned';
import { useStore } from '../store';
import { ShareTools } from './share/ShareTools';

export function Header() {
  return (
    <header className="app-header">
      <div className="app-title">
        <h1>KD Noise Playground</h1>
        <p className="tagline">Does noise help knowledge distillation? Train and compare students, in your browser.</p>
      </div>
      <div className="header-side">
        <ShareTools />
        <BackendBadge />
      </div>
    </header>
  );
}

/** One compact line (the backend, and a warning on a software GPU); the adapter and why it was chosen on click. */
function BackendBadge() {
  const backend = useStore((s) => s.backend);
  const pending = useStore((s) => s.backendPending);
  const tuning = useStore((s) => s.tuning);
  const tuned = backend?.tuned?.length ? tunedLines(backend.tuned) : [];
  const name = backend ? (BACKEND_LABELS[backend.name] ?? backend.name) : pending ? 'Detecting…' : 'No backend yet';
  return (
    <details
      className={`backend-badge${backend?.software ? ' warn' : ''}`}
      data-testid="backend-badge"
      aria-live="polite"
    >
      <summary className="badge-row" title="Backend details: adapter, and why it was chosen">
        <span className="badge-label">Backend</span> <strong className="badge-name">{name}</strong>
        {backend?.software ? <span className="badge-warning-short"> ⚠ software GPU</span> : null}
        {pending && backend ? <span className="muted"> (switching…)</span> : null}
        {tuning ? <span className="muted"> · tuning for this device…</span> : null}
      </summary>
      <div className="badge-details">
        {backend ? (
          <div className="badge-adapter">
            <code className="badge-code">{backend.name}</code> {backend.adapter}
          </div>
        ) : null}
        {backend?.software ? (
          <div className="badge-warning" role="note">
            ⚠ software GPU: much slower than a real one (WebAssembly is usually faster here)
          </div>
        ) : null}
        {backend?.reason ? <div className="badge-reason">{backend.reason}</div> : null}
        {tuned.length ? (
          <div className="badge-tuned" data-testid="badge-tuned">
            Training ops tuned for this device:
            <ul>
              {tuned.map((l) => (
                <li key={l.op} title={l.detail}>
                  {l.op}: {l.choices}
                  {l.gain ? <span className="muted"> ({l.gain})</span> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {!backend ? (
          <div className="badge-reason">
            {pending ? 'Starting the worker and choosing a backend…' : 'No backend has answered yet.'}
          </div>
        ) : null}
      </div>
    </details>
  );
}

// Title, one-line explanation, the share / presets / classroom group and the backend badge.
import { BACKEND_LABELS } from '../lib/format';
import { useStore } from '../store';
import { ShareTools } from './share/ShareTools';

export function Header() {
  return (
    <header className="app-header">
      <div>
        <h1>KD Noise Playground</h1>
        <p className="tagline">
          Train a teacher, then several students side by side, and see whether noise — a fickle teacher, noisy inputs,
          corrupted labels — helps knowledge distillation (Arani et al., WACV 2021). Everything runs in your browser.
        </p>
      </div>
      <div className="header-side">
        <ShareTools />
        <BackendBadge />
      </div>
    </header>
  );
}

function BackendBadge() {
  const backend = useStore((s) => s.backend);
  const pending = useStore((s) => s.backendPending);
  const name = backend ? (BACKEND_LABELS[backend.name] ?? backend.name) : pending ? 'Detecting…' : 'No backend yet';
  return (
    <div
      className={`backend-badge${backend?.software ? ' warn' : ''}`}
      data-testid="backend-badge"
      title={backend?.reason || undefined}
      aria-live="polite"
    >
      <div className="badge-row">
        <span className="badge-label">Backend</span>
        <strong className="badge-name">{name}</strong>
        {backend ? <code className="badge-code">{backend.name}</code> : null}
        {pending && backend ? <span className="muted"> (switching…)</span> : null}
      </div>
      {backend ? <div className="badge-adapter">{backend.adapter}</div> : null}
      {backend?.software ? (
        <div className="badge-warning" role="note">
          ⚠ software GPU: much slower than a real one (WebAssembly is usually faster here)
        </div>
      ) : null}
      {backend?.reason ? <div className="badge-reason">{backend.reason}</div> : null}
    </div>
  );
}

// Advanced: the whole config as JSON. Applying validates first; a bad config changes nothing.
import { useStore } from '../store';

export function JsonEditor() {
  const text = useStore((s) => s.jsonText);
  const dirty = useStore((s) => s.jsonDirty);
  const setText = useStore((s) => s.setJsonText);
  const apply = useStore((s) => s.applyJson);
  const revert = useStore((s) => s.revertJson);
  return (
    <details className="panel json-panel">
      <summary>Advanced: config as JSON</summary>
      <p className="muted">
        The full experiment config. Edit and apply; it is validated first, and nothing changes if it is invalid. Ctrl/⌘
        + Enter in the box applies it.
      </p>
      <label htmlFor="config-json">Config JSON</label>
      <textarea
        id="config-json"
        data-testid="config-json"
        spellCheck={false}
        rows={18}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.stopPropagation();
            apply();
          }
        }}
      />
      <div className="button-row">
        <button type="button" className="primary" data-testid="config-json-apply" onClick={() => apply()}>
          Apply JSON
        </button>
        <button type="button" onClick={revert} disabled={!dirty}>
          Revert to the form's config
        </button>
        {dirty ? <span className="muted">edited, not applied</span> : null}
      </div>
    </details>
  );
}

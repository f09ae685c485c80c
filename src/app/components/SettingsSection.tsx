// One collapsible section of Settings: a summary line that says what it holds without opening it, and the form
// inside. A section whose fields have validation errors opens itself and says so in its summary, so a message
// is never hidden in a closed section.
import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from '../store';

export const SETTINGS_ID = 'settings';

export function SettingsSection(props: {
  title: string;
  /** Names the section for tests and links (data-section). */
  name: string;
  summary: ReactNode;
  /** Config paths (prefixes) whose errors belong to this section. */
  paths: readonly string[];
  /** Errors kept outside fieldErrors (the study's parse errors). */
  extraError?: boolean;
  children: ReactNode;
}) {
  const { paths, extraError } = props;
  const invalid = useStore(
    (s) => !!extraError || Object.keys(s.fieldErrors).some((k) => paths.some((p) => k === p || k.startsWith(`${p}.`))),
  );
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (invalid) setOpen(true);
  }, [invalid]);
  return (
    <details
      className={`settings-section${invalid ? ' settings-invalid' : ''}`}
      data-section={props.name}
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <span className="settings-title">{props.title}</span> <span className="settings-summary">{props.summary}</span>
        {invalid ? <span className="settings-flag"> · needs a fix</span> : null}
      </summary>
      <div className="settings-body">{props.children}</div>
    </details>
  );
}

// "Presets": ready-made experiments, each with what it shows and how long it should take here. One click
// applies one (Undo puts the form back); "Copy link" shares it without applying it.
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PRESETS, presetConfig, type Preset } from '../../../core/config/presets';
import { encodeShare } from '../../../core/config/shareLink';
import { linkUrl } from '../../store/urlSync';
import { useStore } from '../../store';
import { CopyFeedback, useCopy } from './copy';
import { deviceSpeed, roughDuration, secondsAt, selSpeedInputs, speedSource, type DeviceSpeed } from './deviceSpeed';
import { Popover } from './Popover';

export function PresetMenu() {
  const locked = useStore((s) => s.shareUi.lockControls);
  return (
    <Popover
      label="Presets"
      button="☰ Presets"
      buttonTestId="preset-button"
      buttonTitle="Ready-made experiments"
      testId="preset-menu"
      className="preset-menu"
    >
      {(close) => <PresetList locked={locked} onApplied={close} />}
    </Popover>
  );
}

function PresetList({ locked, onApplied }: { locked: boolean; onApplied: () => void }) {
  // Only what the speed depends on (shallow-compared), so a run does not re-render the menu on every step.
  const inputs = useStore(useShallow(selSpeedInputs));
  const speed = useMemo(() => deviceSpeed(inputs), [inputs]);
  const apply = useStore((s) => s.applyPreset);
  const testing = useStore((s) => s.speedTestId !== null);
  const measure = useStore((s) => s.measureSpeed);
  // Opening the menu measures this device once, so the times below are its own, not a typical guess.
  useEffect(() => {
    if (speed.source === 'typical') measure();
  }, [speed.source, measure]);
  return (
    <>
      <h2 className="preset-heading">Presets</h2>
      <p className="muted preset-speed">
        Times: {speedSource(speed)}
        {testing ? ' (measuring this device…)' : ''}.
        {locked ? ' The link you opened locked the controls: presets cannot be applied.' : ''}
      </p>
      <ul className="preset-list">
        {PRESETS.map((p) => (
          <PresetItem
            key={p.id}
            preset={p}
            speed={speed}
            locked={locked}
            onApply={() => {
              apply(p.id);
              onApplied();
            }}
          />
        ))}
      </ul>
    </>
  );
}

function PresetItem(p: { preset: Preset; speed: DeviceSpeed; locked: boolean; onApply: () => void }) {
  const { id, title, description } = p.preset;
  const cfg = useMemo(() => presetConfig(p.preset), [p.preset]);
  const time = roughDuration(secondsAt(cfg, p.speed));
  const { result, copy, clear } = useCopy();
  return (
    <li className="preset-item">
      <button
        type="button"
        className="preset-apply"
        data-testid={`preset-${id}`}
        onClick={p.onApply}
        disabled={p.locked}
        aria-label={`Apply preset: ${title}`}
        aria-describedby={`preset-desc-${id}`}
      >
        <span className="preset-title">{title}</span>
        <span className="preset-desc" id={`preset-desc-${id}`}>
          {description}
          <span className="preset-time">
            {' '}
            Expected here: {time}
            {p.speed.measured ? '' : ' (estimate)'}.
          </span>
        </span>
      </button>
      <button
        type="button"
        className="small preset-link"
        data-testid={`preset-link-${id}`}
        aria-label={`Copy a link to the preset ${title}`}
        onClick={async () => copy(linkUrl(await encodeShare(cfg, p.preset.ui)))}
      >
        Copy link
      </button>
      {result ? <CopyFeedback result={result} onClose={clear} testId={`preset-link-status-${id}`} /> : null}
    </li>
  );
}

// The attack and robustness lab: adversarial examples, robust accuracy vs ε and accuracy under corruptions for
// the models of the last run (or of a paused one). The worker does the work; this panel only asks and shows.
import { memo, useEffect } from 'react';
import { isActive, useStore } from '../../store';
import { specOf } from '../../store/attackSlice';
import { download, fileName, labJson } from '../../lib/exportFiles';
import { AttackGallery } from './AttackGallery';
import { AttackError, AttackProgress } from './AttackProgress';
import { AttackSettings } from './AttackSettings';
import { CorruptionLab } from './CorruptionLab';
import { useLabModels } from './labHooks';
import { RobustnessCurve } from './RobustnessCurve';
import './attack.css';

export const AttackPanel = memo(function AttackPanel() {
  const status = useStore((s) => s.status);
  const runId = useStore((s) => s.runId);
  // A stopped run's models are disposed by the worker: only finished or paused runs can be attacked.
  const imported = useStore((s) => s.importedModels.length > 0);
  const enabled = status === 'done' || status === 'paused' || (imported && !isActive(status));
  // A resumed run trains the very models a task would be attacking: stop the task rather than race the run.
  useEffect(() => {
    if (!enabled) useStore.getState().stopAttack();
  }, [enabled]);
  return (
    <section className="panel lab" data-testid="attack-panel" aria-labelledby="attack-heading">
      <h2 id="attack-heading">Attack lab</h2>
      {!enabled ? (
        <p className="muted">
          {status === 'stopped'
            ? 'A stopped run keeps no models: train again (or pause a run) to attack them.'
            : 'Train (or pause a run) to attack its models.'}
        </p>
      ) : (
        // Keyed by run: the forms start again from the new run's defaults (its attack config, its ε units).
        <div key={runId ?? 0}>
          {status === 'paused' ? (
            <p className="note">Paused run: the lab attacks the models trained so far, the current one as it is now.</p>
          ) : null}
          <div className="lab-status">
            <AttackError />
            <AttackProgress />
          </div>
          <AttackSettings />
          <AttackGallery />
          <RobustnessCurve />
          <CorruptionLab />
          <ExportJson />
        </div>
      )}
    </section>
  );
});

function ExportJson() {
  const has = useStore((s) => s.attackSweep !== null || s.attackCorruptions !== null);
  const models = useLabModels();
  const save = () => {
    const s = useStore.getState();
    const json = labJson({
      runConfig: s.runConfig,
      dataset: s.dataset,
      attackSettings: { ...s.attackSettings, spec: specOf(s.attackSettings) },
      sweep: s.attackSweep,
      corruptions: s.attackCorruptions,
      models: models.map(({ id, label, kind }) => ({ id, label, kind })),
    });
    download(json, fileName('attack-lab', 'json'), 'application/json');
  };
  return (
    <div className="button-row lab-export">
      <button type="button" data-testid="export-json" disabled={!has} onClick={save}>
        Export results as JSON
      </button>
      <span className="muted">run config, seeds, attack settings, ε sweep and corruption results</span>
    </div>
  );
}

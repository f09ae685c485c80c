// Teacher or student architecture: a one-line summary plus the few numbers that define it.
import { defaultConfig } from '../../core/config/defaults';
import type { DataSpec, ModelSpec } from '../../core/config/schema';
import { inputShapeOf } from '../../core/data/shape';
import { paramCount } from '../../core/nn/paramCount';
import { describeModel, explainModel } from '../lib/describe';
import { useStore } from '../store';
import { NumberField, SelectField } from './fields';

const DEFAULTS = defaultConfig();
const FAMILIES = [
  { value: 'cnn', label: 'Small CNN' },
  { value: 'wrn', label: 'Wide ResNet' },
] as const;

export function ModelEditor({ which }: { which: 'teacher' | 'student' }) {
  const model = useStore((s) => s.draft[which].model);
  const data = useStore((s) => s.draft.data);
  const setField = useStore((s) => s.setField);
  const setFamily = useStore((s) => s.setModelFamily);
  const def = DEFAULTS[which].model;
  const base = `${which}.model`;
  const set = (key: string) => (v: number) => setField(`${base}.${key}`, v);
  const title = which === 'teacher' ? 'Teacher' : 'Students';

  return (
    <div className="model-editor">
      <h3>
        {title}: <span className="arch">{describeModel(model)}</span>
      </h3>
      <p className="muted">
        {explainModel(model as ModelSpec)} <span data-testid={`${which}-params`}>{formatParams(model, data)}</span>
      </p>
      <div className="grid">
        <SelectField
          label={`${title} family`}
          path={`${base}.family`}
          value={model.family}
          options={FAMILIES}
          defaultValue={def.family}
          onChange={(f) => setFamily(which, f)}
        />
        {model.family === 'cnn' ? (
          <>
            <NumberField
              label="Conv 1 channels"
              path={`${base}.channels.0`}
              value={model.channels[0]}
              min={1}
              max={256}
              step={1}
              defaultValue={def.family === 'cnn' ? def.channels[0] : undefined}
              onChange={set('channels.0')}
            />
            <NumberField
              label="Conv 2 channels"
              path={`${base}.channels.1`}
              value={model.channels[1]}
              min={1}
              max={512}
              step={1}
              defaultValue={def.family === 'cnn' ? def.channels[1] : undefined}
              onChange={set('channels.1')}
            />
            <NumberField
              label="Hidden units"
              path={`${base}.hidden`}
              value={model.hidden}
              min={1}
              max={2048}
              step={1}
              defaultValue={def.family === 'cnn' ? def.hidden : undefined}
              onChange={set('hidden')}
            />
          </>
        ) : (
          <>
            <NumberField
              label="Depth"
              path={`${base}.depth`}
              value={model.depth}
              min={10}
              max={40}
              step={6}
              note="6n+4"
              onChange={set('depth')}
            />
            <NumberField
              label="Widen factor"
              path={`${base}.widen`}
              value={model.widen}
              min={1}
              max={10}
              step={1}
              onChange={set('widen')}
            />
          </>
        )}
        <NumberField
          label={`${title} dropout`}
          path={`${base}.dropout`}
          value={model.dropout}
          min={0}
          max={0.9}
          step={0.05}
          defaultValue={def.dropout}
          note={which === 'teacher' ? 'Fickle Teacher needs > 0' : undefined}
          onChange={set('dropout')}
        />
      </div>
    </div>
  );
}

/** "· 105,866 parameters", or nothing while the draft is incomplete. */
function formatParams(model: unknown, data: unknown): string {
  try {
    const n = paramCount(model as ModelSpec, inputShapeOf(data as DataSpec));
    return Number.isFinite(n) ? `· ${n.toLocaleString('en-US')} parameters` : '';
  } catch {
    return '';
  }
}

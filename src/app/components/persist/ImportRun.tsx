// "Import run (JSON)": a run exported here (from the history or the current run) joins the history again, e.g.
// to compare it with a colleague's run or a run from another machine.
import { useRef } from 'react';
import { useStore } from '../../store';
import { parseRunJson } from './runJson';

export function ImportRun() {
  const input = useRef<HTMLInputElement>(null);
  const onFiles = async (files: FileList | null) => {
    const s = useStore.getState();
    for (const f of files ?? []) {
      try {
        const { record, notices } = parseRunJson(await f.text(), f.name);
        const saved = await s.recordRun(record);
        if (!saved.ok) throw new Error(`${f.name} was not saved to the history: ${saved.reason}.`);
        const fixed = notices.length ? ` (config repaired: ${notices.slice(0, 3).join('; ')})` : '';
        s.pushNotice(notices.length ? 'warning' : 'info', `Imported run ${f.name} into the history${fixed}.`);
      } catch (e) {
        s.pushNotice('warning', `Run import failed: ${(e as Error).message}`);
      }
    }
    if (input.current) input.current.value = '';
  };
  return (
    <>
      <button type="button" className="small" onClick={() => input.current?.click()}>
        Import run (JSON)…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        multiple
        hidden
        data-testid="history-import"
        aria-label="Import run JSON files"
        onChange={(e) => void onFiles(e.target.files)}
      />
    </>
  );
}

// Import official data-set files, picked or dropped. The worker parses and caches them (nothing leaves the
// browser); once it has, the form switches to the imported set so the next run trains on it.
import { memo, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { useStore } from '../../store';
import { SelectField } from '../fields';

type IdxAs = 'mnist' | 'fashion-mnist';

const IDX_OPTIONS = [
  { value: 'mnist', label: 'MNIST' },
  { value: 'fashion-mnist', label: 'Fashion-MNIST' },
] as const;
const ACCEPT = '.gz,.tar,.bin,.txt,.idx1-ubyte,.idx3-ubyte,application/gzip,application/x-tar';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

export const DataImport = memo(function DataImport() {
  const importing = useStore((s) => s.importing);
  const importData = useStore((s) => s.importData);
  const [idxAs, setIdxAs] = useState<IdxAs>('mnist');
  const [over, setOver] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // dragenter/dragleave fire for every child crossed: count them so the highlight does not flicker.
  const depth = useRef(0);
  const helpId = useId();

  // Follow a successful import: select the imported set (idx files say nothing of which set they are, so the
  // worker's answer, not the picked files, decides).
  const wasImporting = useRef(false);
  useEffect(() => {
    if (wasImporting.current && !importing) {
      const s = useStore.getState();
      if (!s.importError && s.dataInfo) {
        if (s.dataInfo.dataset !== s.draft.data.dataset) s.setDataset(s.dataInfo.dataset);
        setDone(`Imported ${s.dataInfo.name}.`);
      }
    }
    wasImporting.current = importing;
  }, [importing]);

  // The confirmation is for the moment; the summary below keeps the details.
  useEffect(() => {
    if (!done) return;
    const t = setTimeout(() => setDone(null), 8000);
    return () => clearTimeout(t);
  }, [done]);

  const start = (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (!files.length || importing) return;
    setDone(null);
    importData(files, idxAs);
  };

  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth.current = 0;
    setOver(false);
    start(e.dataTransfer.files);
  };

  return (
    <div
      className={`data-drop${over ? ' data-drop-over' : ''}${importing ? ' data-drop-busy' : ''}`}
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault(); // allows the drop
        e.dataTransfer.dropEffect = importing ? 'none' : 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (!depth.current) setOver(false);
      }}
      onDrop={onDrop}
    >
      <div className="data-drop-row">
        <div className="data-drop-pick">
          <button type="button" onClick={() => input.current?.click()} disabled={importing} aria-describedby={helpId}>
            {importing ? 'Importing…' : 'Import files…'}
          </button>
          <span className="muted">{over ? 'Drop to import' : 'or drop them here'}</span>
          {/* Hidden from sight and from Tab: the button above opens it, and tests set files on it directly. */}
          <input
            ref={input}
            type="file"
            multiple
            accept={ACCEPT}
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Data files to import"
            data-testid="data-file-input"
            onChange={(e) => {
              start(e.target.files);
              e.target.value = ''; // picking the same files again must fire change again
            }}
          />
        </div>
        <div className="data-idx">
          <SelectField<IdxAs>
            label="idx files are"
            path="import.idxAs"
            value={idxAs}
            options={IDX_OPTIONS}
            testId="import-idx-as"
            onChange={setIdxAs}
          />
        </div>
      </div>
      <p className="data-drop-help" id={helpId}>
        Official files: MNIST/Fashion-MNIST idx (.gz or unzipped), cifar-10-binary.tar.gz or its .bin files. Parsed in
        your browser; nothing is uploaded.
      </p>
      <div role="status" className="data-live">
        {done && !importing ? <span className="data-import-done">{done}</span> : null}
      </div>
    </div>
  );
});

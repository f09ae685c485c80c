// The page: header; the experiment form on the left, run controls, progress, charts and results on the right;
// the students and the JSON editor below, full width.
import { useEffect } from 'react';
import { AttackPanel } from './attack/AttackPanel';
import { ConfigErrors } from './ConfigErrors';
import { Charts } from './Charts';
import { ExperimentPanel } from './ExperimentPanel';
import { Header } from './Header';
import { JsonEditor } from './JsonEditor';
import { Progress } from './Progress';
import { ResultsTable } from './ResultsTable';
import { RunControls } from './RunControls';
import { RunError } from './RunError';
import { StudentsList } from './StudentsList';
import { useStore } from '../store';

export function App() {
  useEffect(() => {
    // Fill the backend badge before the first run.
    const s = useStore.getState();
    s.initBackend(s.draft.backend);
  }, []);

  return (
    <div className="app">
      <Header />
      <main className="layout">
        <div className="col-config">
          <ExperimentPanel />
        </div>
        <div className="col-run">
          <div className="run-top">
            <RunControls />
            <ConfigErrors />
            <RunError />
            <Progress />
          </div>
          <Charts />
          <ResultsTable />
          <AttackPanel />
        </div>
        <div className="col-wide">
          <StudentsList />
          <JsonEditor />
        </div>
      </main>
      <footer className="app-footer muted">
        Methods: Hinton KD; Fickle Teacher, Soft Randomization and Messy Collaboration from “Noise as a Resource for
        Learning in Knowledge Distillation” (Arani, Sarfraz, Zonooz, WACV 2021). Training runs in a Web Worker with
        TensorFlow.js.
      </footer>
    </div>
  );
}

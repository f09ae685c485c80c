// The page: header; the experiment form on the left, run controls, progress, charts and results on the right;
// the students and the JSON editor below, full width.
import { useEffect } from 'react';
import { AttackPanel } from './attack/AttackPanel';
import { ConfigErrors } from './ConfigErrors';
import { Charts } from './Charts';
import { ExperimentPanel } from './ExperimentPanel';
import { Header } from './Header';
import { JsonEditor } from './JsonEditor';
import { NoisePanel } from './noise/NoisePanel';
import { PredictionGrid } from './noise/PredictionGrid';
import { Notices } from './persist/Notices';
import { ResumeBanner } from './persist/ResumeBanner';
import { RunExport } from './persist/RunExport';
import { RunHistory } from './persist/RunHistory';
import { Progress } from './Progress';
import { ResultsTable } from './ResultsTable';
import { RunControls } from './RunControls';
import { RunError } from './RunError';
import { SkipLink } from './SkipLink';
import { LinkNotice } from './share/LinkNotice';
import { Lockable } from './share/Lockable';
import { StepExplainer } from './share/StepExplainer';
import { StepModeToggle } from './share/StepModeToggle';
import { useShareRootClass } from './share/useShareRootClass';
import { StudentsList } from './StudentsList';
import { ClaimsPanel } from './study/ClaimsPanel';
import { StudyCharts } from './study/StudyCharts';
import { StudyExport } from './study/StudyExport';
import { StudyProgress } from './study/StudyProgress';
import './study/study.css';
import { useStore } from '../store';
import '../store/urlSync'; // opens a share link before the first render, then keeps the address bar in sync

export function App() {
  const shareClass = useShareRootClass();
  useEffect(() => {
    // Fill the backend badge before the first run.
    const s = useStore.getState();
    s.initBackend(s.draft.backend);
  }, []);

  return (
    <div className={`app${shareClass}`}>
      <SkipLink />
      <Header />
      <LinkNotice />
      <main className="layout">
        <div className="col-config">
          <Lockable note>
            <ExperimentPanel />
          </Lockable>
        </div>
        <div className="col-run">
          <div className="run-top">
            <ResumeBanner />
            <RunControls />
            <StepModeToggle />
            <ConfigErrors />
            <RunError />
            <Notices />
            <Progress />
            <StudyProgress />
            <StepExplainer />
          </div>
          <Charts />
          <NoisePanel />
          <PredictionGrid />
          <ResultsTable />
          <ClaimsPanel />
          <StudyCharts />
          <StudyExport />
          <RunExport />
          <RunHistory />
          <AttackPanel />
        </div>
        <div className="col-wide">
          <Lockable>
            <StudentsList />
            <JsonEditor />
          </Lockable>
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

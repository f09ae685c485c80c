// The page. The first screen (1280×720) holds the run controls, the model lanes (what a run compares, editable in
// place) and the top of the live charts; below them the settings (collapsed sections) on the side and the noise,
// predictions, results, study and attack panels under the charts. On a narrow screen the columns dissolve
// (display: contents) and the order is: controls, models, charts, the rest, settings.
import { useEffect } from 'react';
import { AttackPanel } from './attack/AttackPanel';
import { ConfigErrors } from './ConfigErrors';
import { Charts } from './Charts';
import { ExperimentPanel } from './ExperimentPanel';
import { Header } from './Header';
import { JsonEditor } from './JsonEditor';
import { ModelLanes } from './lanes/ModelLanes';
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
import { useShareRootClass } from './share/useShareRootClass';
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
        <div className="area-run">
          <ResumeBanner />
          <RunControls />
          <ConfigErrors />
          <RunError />
          <Notices />
        </div>
        <div className="col-side">
          <div className="area-models">
            <Lockable>
              <ModelLanes />
            </Lockable>
          </div>
          <div className="area-settings">
            <Lockable note>
              <ExperimentPanel />
              <JsonEditor />
            </Lockable>
          </div>
        </div>
        <div className="col-main">
          <div className="area-live">
            <StepExplainer />
            <Progress />
            <StudyProgress />
            <Charts />
          </div>
          <div className="area-more">
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

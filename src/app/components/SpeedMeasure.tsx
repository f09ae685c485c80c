// Beside the time estimate: measure this device when the estimate is only a guess (a typical figure), and do it
// by itself when a study is set up, where a guess could be off by tens of minutes.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isStudy } from '../../core/study/plan';
import { isActive, useStore } from '../store';
import { deviceSpeed, selSpeedInputs } from './share/deviceSpeed';

export function SpeedMeasure() {
  const { guess, testing, problem, idle, study, ready } = useStore(
    useShallow((s) => ({
      guess: deviceSpeed(selSpeedInputs(s)).source === 'typical',
      testing: s.speedTestId !== null,
      problem: s.speedProblem,
      idle: !isActive(s.status),
      study: s.validation.ok && isStudy(s.validation.config),
      ready: s.backend !== null && !s.backendPending,
    })),
  );
  const measure = useStore((s) => s.measureSpeed);
  useEffect(() => {
    if (study && guess && ready && idle && !testing && !problem) measure();
  }, [study, guess, ready, idle, testing, problem, measure]);
  if (testing) return <span data-testid="speed-measuring"> · measuring this device…</span>;
  if (!guess || !idle) return null;
  return (
    <>
      {' '}
      <button
        type="button"
        className="small"
        data-testid="speed-measure"
        onClick={measure}
        disabled={!ready}
        title={ready ? 'Train the default student for about a second to time this device' : 'Waiting for the backend…'}
      >
        Measure this device
      </button>
      {problem ? <span className="muted"> (last try: {problem})</span> : null}
    </>
  );
}

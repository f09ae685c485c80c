// The resource guard in the UI: memory and time of the config in the form on this device, shown beside Train;
// Train is disabled past what the device holds and asks before a run over 30 minutes (core/train/resources.ts).
import { formatBytes, guardRun, type Guard } from '../../core/train/resources';
import { studyCells, studyOf } from '../../core/study/plan';
import { isActive, type Store } from '../store';
import { deviceSpeed, roughDuration, secondsAt, selSpeedInputs, speedSource } from './share/deviceSpeed';

const deviceMemory = () => (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;

export type RunGuard = (Guard & { seconds: number; speed: string; cells: number }) | null;

export function runGuard(s: Store): RunGuard {
  if (!s.validation.ok || isActive(s.status)) return null;
  const speed = deviceSpeed(selSpeedInputs(s));
  const seconds = secondsAt(s.validation.config, speed);
  const g = guardRun(s.validation.config, s.backend?.name ?? speed.backend, seconds, deviceMemory());
  return { ...g, seconds, speed: speedSource(speed), cells: studyCells(studyOf(s.validation.config)).length };
}

/** One line for beside Train: "about 4 min (estimate for …) · memory about 120 MB of 2.0 GB". */
export function guardLine(g: RunGuard): string | null {
  if (!g) return null;
  const runs = g.cells > 1 ? ` for ${g.cells} runs` : '';
  return `Estimated ${roughDuration(g.seconds)}${runs} (${g.speed}) · memory about ${formatBytes(g.memory.total)} of ${formatBytes(g.capacity)}`;
}

/** Train's last check: true when the run may start (a long one only after the user said yes). */
export function confirmLongRun(s: Store): boolean {
  const g = runGuard(s);
  if (g?.verdict === 'refuse') return false;
  return g?.verdict !== 'confirm' || window.confirm(g.message);
}

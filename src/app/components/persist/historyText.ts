// How a history record reads in a row, a legend or an aria-label.
import { METHODS } from '../../../core/methods';
import type { RunRecord } from '../../../storage/runs';
import { BACKEND_LABELS } from '../../lib/format';
import { DATASET_LABELS } from '../data/datasets';
import { dateText } from './format';

export const datasetName = (r: RunRecord) => DATASET_LABELS[r.config.data.dataset] ?? r.config.data.dataset;

/** "3 students: Hinton KD, Fickle Teacher ×2". */
export function studentsText(r: RunRecord): string {
  const counts = new Map<string, number>();
  for (const s of r.config.students) {
    const label = METHODS[s.method]?.label ?? s.method;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const n = r.config.students.length;
  const methods = [...counts].map(([label, k]) => (k > 1 ? `${label} ×${k}` : label)).join(', ');
  return `${n} student${n === 1 ? '' : 's'}: ${methods}`;
}

export const backendText = (r: RunRecord) => BACKEND_LABELS[r.backend.name] ?? r.backend.name;

/** The best student's clean test accuracy (a stopped run may have none). */
export function bestStudent(r: RunRecord): { label: string; testAcc: number } | null {
  const students = r.results.filter((m) => m.kind === 'student' && Number.isFinite(m.testAcc));
  return students.length ? students.reduce((a, b) => (b.testAcc > a.testAcc ? b : a)) : null;
}

/** "Jan 31, 2025, 14:05 · MNIST": names a run in the comparison legend. */
export const runTitle = (r: RunRecord) => `${dateText(r.savedAt)} · ${datasetName(r)}`;

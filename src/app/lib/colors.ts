// One colour per model, stable across charts, chips and the results table. Okabe–Ito based (colour-blind safe),
// dark enough to read on white at projector brightness.
const STUDENT_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#B8860B', '#4B9CD3', '#882255', '#5D3A9B'];
const TEACHER_COLORS = ['#1b1b1b', '#6b6b6b', '#9a8f80', '#3f5f5f'];

export function colorFor(id: string, teacherIndex = 0): string {
  const m = /^student-(\d+)$/.exec(id);
  if (m) return STUDENT_COLORS[(Number(m[1]) - 1) % STUDENT_COLORS.length];
  if (id === 'teacher') return TEACHER_COLORS[0];
  return TEACHER_COLORS[Math.max(1, teacherIndex) % TEACHER_COLORS.length];
}

/** Colours for every model of a plan, teachers numbered in plan order. */
export function colorsFor(models: { id: string; kind: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  let t = 0;
  for (const m of models) out[m.id] = colorFor(m.id, m.kind === 'teacher' ? t++ : 0);
  return out;
}

/** A model's colour from a plan's colours, or its own for an id the plan lacks (a swept teacher's, say). */
export const colorOf = (colors: Record<string, string>, id: string): string => colors[id] ?? colorFor(id);

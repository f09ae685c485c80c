// One colour per model, following its method (so Hinton KD is the same vermilion in every run, chart, chip, table
// and history entry), stable across charts, chips and the results table. Okabe–Ito based (colour-blind safe),
// dark enough to read on white at projector brightness. A second student of one method takes a spare colour.
const METHOD_COLORS: Record<string, string> = {
  'student-alone': '#0072B2',
  'hinton-kd': '#D55E00',
  'fickle-teacher': '#009E73',
  'soft-randomization': '#CC79A7',
  'gaussian-augmentation': '#B8860B',
  'messy-collaboration': '#882255',
  custom: '#5D3A9B',
};
const SPARE_COLORS = ['#4B9CD3', '#6A8F00', '#A0522D', '#7B6FD6', '#2F6F6F', '#C2185B'];
const TEACHER_COLORS = ['#1b1b1b', '#6b6b6b', '#9a8f80', '#3f5f5f'];
/** Slot colours: only for a model whose method is not known (a swept teacher id outside the plan, say). */
const SLOT_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#B8860B', '#4B9CD3', '#882255', '#5D3A9B'];

export function colorFor(id: string, teacherIndex = 0): string {
  const m = /^student-(\d+)$/.exec(id);
  if (m) return SLOT_COLORS[(Number(m[1]) - 1) % SLOT_COLORS.length];
  if (id === 'teacher') return TEACHER_COLORS[0];
  return TEACHER_COLORS[Math.max(1, teacherIndex) % TEACHER_COLORS.length];
}

/** The colour of a method's first student (the student cards use it before any run). */
export function methodColor(method: string): string | undefined {
  return METHOD_COLORS[method];
}

/** Colours for every model of a plan: teachers numbered in plan order, students by method. */
export function colorsFor(models: { id: string; kind: string; method?: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  let t = 0;
  let spare = 0;
  for (const m of models) {
    if (m.kind === 'teacher') {
      out[m.id] = colorFor(m.id, t++);
      continue;
    }
    const own = m.method ? METHOD_COLORS[m.method] : undefined;
    const c = own && !used.has(own) ? own : own ? SPARE_COLORS[spare++ % SPARE_COLORS.length] : colorFor(m.id);
    used.add(c);
    out[m.id] = c;
  }
  return out;
}

/** A model's colour from a plan's colours, or its own for an id the plan lacks (a swept teacher's, say). */
export const colorOf = (colors: Record<string, string>, id: string): string => colors[id] ?? colorFor(id);

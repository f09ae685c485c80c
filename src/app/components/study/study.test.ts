// The study views' pure parts on real summaries (summarizeStudy over hand-made cell outcomes): table rows and
// their Δ cells, claim cards, progress words and the ETA, curves across seeds, sweep lines, exports.
import { describe, expect, it } from 'vitest';
import { perSeedRows } from '../../../core/study';
import { bandPath } from '../chart/geometry';
import { claimCards } from './claimCards';
import { cellLine, resumeStudyText, robustLine, studyEta } from './progressText';
import { dotDomain, groupRows, liveRows } from './resultRows';
import { curvesSummary, outcomesAt, seedCurves } from './seedCurves';
import { studyJson, perSeedCsv } from './studyExport';
import { studySummary } from './summary';
import { sweepAxis, sweepLines, sweepSummary, sweptLabel } from './sweepSeries';
import { outcomes, studyConfig, type Acc } from './testStudy';

const jitter = (seed: number, xs: number[]) => xs[(seed - 1) % xs.length];

/** Hinton KD 1 point over Student alone on every seed; Fickle Teacher ± 1 point; Soft Randomization far more
 * robust than Gaussian augmentation; Messy Collaboration less robust than Hinton KD on every seed. */
const ACC: Acc = (id, seed) => {
  const alone = 0.9 + seed / 1000;
  const kd = alone + 0.01 + jitter(seed, [0.001, -0.001, 0.0005]);
  const table: Record<string, [number, number]> = {
    teacher: [0.95, 0.2],
    'student-1': [alone, 0.1],
    'student-2': [kd, 0.15],
    'student-3': [kd + jitter(seed, [0.01, -0.01, 0.002]), 0.15],
    'student-4': [0.885, 0.3 + jitter(seed, [0.2, 0.21, 0.19])],
    'student-5': [0.89, 0.3],
    'student-6': [kd, 0.15 - jitter(seed, [0.05, 0.06, 0.04])],
  };
  return table[id];
};

const three = studyConfig({ seeds: [1, 2, 3] });
const summary3 = studySummary(three, outcomes(three, ACC))!;

describe('results rows', () => {
  it('mean, sd and every seed per model; a Δ is marked only where its interval leaves out 0', () => {
    const rows = groupRows(summary3.groups[0], true);
    expect(rows.map((r) => r.id)).toEqual(['teacher', ...[1, 2, 3, 4, 5, 6].map((i) => `student-${i}`)]);
    const [teacher, alone, kd, fickle, soft, gauss, messy] = rows;
    expect(teacher.note).toMatch(/teacher/);
    expect(teacher.deltas).toEqual([]);
    expect(alone.note).toMatch(/baseline/);
    expect(gauss.note).toMatch(/baseline/);
    expect(alone.clean?.dots).toEqual([
      { seed: 1, value: 0.901 },
      { seed: 2, value: 0.902 },
      { seed: 3, value: 0.903 },
    ]);
    expect(alone.clean?.mean).toBeCloseTo(0.902, 12);
    expect(alone.clean?.sd).toBeCloseTo(0.001, 12);

    expect(kd.deltas).toHaveLength(1);
    expect(kd.deltas[0].refLabel).toBe(alone.label);
    expect(kd.deltas[0].clean).toMatchObject({ kind: 'diff', clear: 'higher', detail: 'better on 3 of 3 seeds' });
    expect(kd.deltas[0].clean.text).toBe('+1.02');
    expect(kd.deltas[0].clean.interval).toMatch(/^\(\+0\.\d\d … \+1\.\d\d\)$/);
    expect(kd.deltas[0].robust).toMatchObject({ kind: 'diff', clear: 'higher' });

    expect(fickle.deltas[0].clean).toMatchObject({ kind: 'diff', clear: null, detail: 'better on 2 of 3 seeds' });
    expect(soft.deltas[0].robust).toMatchObject({ clear: 'higher' });
    expect(soft.deltas[0].clean).toMatchObject({ clear: 'lower', detail: 'better on 0 of 3 seeds' });
    expect(messy.deltas.map((d) => d.refLabel)).toEqual([kd.label, alone.label]);
    expect(messy.deltas[0].robust).toMatchObject({ clear: 'lower' });
  });

  it('under 3 seeds a Δ is "too few seeds", never marked; PGD off leaves the robust column empty', () => {
    const two = studyConfig({ seeds: [1, 2] });
    const rows = groupRows(studySummary(two, outcomes(two, ACC))!.groups[0], false);
    const kd = rows.find((r) => r.id === 'student-2')!;
    expect(kd.deltas[0].clean).toEqual({
      metric: 'clean',
      kind: 'too-few',
      text: '+1.00',
      // Two seeds: t(0.975, 1) = 12.706 makes even a small spread a wide interval, across 0 here.
      interval: '(−0.27 … +2.27)',
      detail: 'better on 2 of 2 seeds · too few seeds (n = 2) to judge',
      clear: null,
    });
    expect(kd.deltas[0].robust).toBeNull();
    expect(kd.robust).toBeNull();
  });

  it('a missing reference says which; one seed (a plain run) has no spread', () => {
    const cfg = studyConfig(undefined, [{ method: 'fickle-teacher' }, { method: 'student-alone' }]);
    const s = studySummary(
      cfg,
      outcomes(cfg, (id) => [id === 'teacher' ? 0.95 : 0.9, 0.2]),
    )!;
    const rows = groupRows(s.groups[0], true);
    expect(rows[1].deltas[0].clean.text).toMatch(/^no Δ: no Hinton KD student with the same T and α/);
    expect(rows[1].clean).toMatchObject({ n: 1, sd: 0 });
    const alone = studyConfig(undefined, [{ method: 'student-alone' }, { method: 'hinton-kd' }]);
    const kd = groupRows(
      studySummary(
        alone,
        outcomes(alone, (id) => [id === 'student-2' ? 0.95 : 0.9, 0.2]),
      )!.groups[0],
      true,
    )[2];
    expect(kd.deltas[0].clean).toMatchObject({ kind: 'too-few', text: 'too few seeds (n = 1)', detail: '' });
    const live = liveRows(outcomes(cfg, () => [0.5, null])[0].results, 7);
    expect(live.map((r) => [r.id, r.clean?.dots])).toEqual([
      ['teacher', [{ seed: 7, value: 0.5 }]],
      ['student-1', [{ seed: 7, value: 0.5 }]],
      ['student-2', [{ seed: 7, value: 0.5 }]],
    ]);
    expect(dotDomain(live, 'clean')).toEqual([0.498, 0.502]);
  });
});

describe('claim cards', () => {
  it('every claim, its measured Δ and verdict in plain words; the clean cost beside claim 2', () => {
    const cards = claimCards(summary3);
    expect(cards.map((c) => [c.claim.id, c.verdict])).toEqual([
      ['fickle-clean', 'not-seen'],
      ['softrand-pgd', 'holds'],
      ['messy-pgd', 'opposite'],
    ]);
    expect(cards[0].lines[0].measured).toMatch(
      /^clean Δ \+0\.07 pts \(−\d\.\d\d … \+\d\.\d\d\), better on 2 of 3 seeds$/,
    );
    expect(cards[1].lines[0].measured).toMatch(/^PGD Δ \+20\.00 pts/);
    expect(cards[1].lines[0].context).toMatch(/^clean Δ −0\.50 pts .*better on 0 of 3 seeds$/);
    expect(cards[2].lines[0].context).toBeNull();
  });

  it('a claim the study cannot test is kept, with what it needs; under 3 seeds: too few', () => {
    const cfg = studyConfig({ seeds: [1, 2] }, [{ method: 'hinton-kd' }, { method: 'fickle-teacher' }]);
    const cards = claimCards(
      studySummary(
        cfg,
        outcomes(cfg, (_id, seed) => [0.9 + seed / 100, 0.2]),
      )!,
    );
    expect(cards.map((c) => c.verdict)).toEqual(['too-few', 'untested', 'untested']);
    expect(cards[1].lines).toEqual([]);
    expect(cards[1].claim.needs).toMatch(/Gaussian augmentation/);
  });

  it('with a sweep: one line per value, and a card whose values disagree says so', () => {
    const cfg = studyConfig({ seeds: [1, 2, 3], sweep: { param: 'sigma', values: [0.1, 0.3] } });
    const acc: Acc = (id, seed, value) =>
      id === 'student-4' ? [0.88, value === 0.1 ? 0.6 + seed / 100 : 0.2 + seed / 100] : ACC(id, seed, value);
    const s = studySummary(cfg, outcomes(cfg, acc))!;
    const soft = claimCards(s)[1];
    expect(soft.lines.map((l) => [l.valueText, l.verdict])).toEqual([
      ['σ = 0.1', 'holds'],
      ['σ = 0.3', 'opposite'],
    ]);
    expect(soft.verdict).toBe('mixed');
  });
});

describe('progress words and ETA', () => {
  const spec = { seeds: [1, 2, 3], sweep: { param: 'sigma' as const, values: [0.05, 0.1, 0.2, 0.3, 0.4] } };
  it('where the study is', () => {
    expect(cellLine({ index: 4, seed: 2, value: 0.1 }, 15, spec)).toBe('σ = 0.1 · seed 2 of 3 · cell 5 of 15');
    expect(cellLine({ index: 1, seed: 2, value: null }, 3, { seeds: [1, 2, 3] })).toBe('Seed 2 of 3');
    expect(cellLine({ index: 1, seed: 17, value: null }, 3, { seeds: [5, 17, 40] })).toBe('Seed 2 of 3 (seed 17)');
    expect(robustLine({ done: 620, total: 2500, label: 'PGD-20 ε=0.1' }, 5)).toBe(
      'Measuring PGD accuracy (PGD-20 ε=0.1): 120 of 500 images · model 2 of 5',
    );
    expect(robustLine({ done: 2500, total: 2500, label: '' }, 5)).toBe(
      'Measuring PGD accuracy: 500 of 500 images · model 5 of 5',
    );
    expect(robustLine({ done: 7, total: 9, label: '' }, 2)).toBe('Measuring PGD accuracy: 7 of 9 images');
    expect(resumeStudyText({ cell: 1, of: 3, value: null }, { seeds: [1, 2, 3] })).toBe(
      'Study: seed 2 of 3 (cell 2 of 3)',
    );
    expect(resumeStudyText({ cell: 4, of: 15, value: 0.1 }, spec)).toBe('Study: σ = 0.1, seed 2 of 3 (cell 5 of 15)');
  });

  it('remaining = this cell (training, then PGD) + cells left × the mean finished cell', () => {
    const cfg = studyConfig({ seeds: [1, 2, 3] }, [{ method: 'hinton-kd' }]);
    const done = outcomes(cfg, () => [0.9, 0.1]); // 2 models (teacher, student) × 4 s of training, 3 s of PGD: 11 s a cell
    const sample = { etaRun: 5 } as Parameters<typeof studyEta>[0]['lastSample'];
    const cell = (i: number) => ({ cell: done[i].cell, of: 3, startedAt: 0 });
    // Before any cell has finished: this one takes elapsed + its ETA, and so does each cell left.
    expect(
      studyEta({ current: cell(0), outcomes: [], robust: null, lastSample: sample, afterRun: true, now: 3000 }),
    ).toBe(5 + 2 * 8);
    expect(
      studyEta({ current: cell(0), outcomes: [], robust: null, lastSample: null, afterRun: true, now: 0 }),
    ).toBeNull();
    // Cell 2 training: 5 s of training + 3 s of PGD to go, then one more cell at 11 s.
    const one = [done[0]];
    expect(
      studyEta({ current: cell(1), outcomes: one, robust: null, lastSample: sample, afterRun: true, now: 0 }),
    ).toBe(5 + 3 + 11);
    // Cell 2 attacking: 40 of 100 images in 2 s since the first report at 20 → 3 s left, then one cell.
    const robust = { cell: 1, done: 40, total: 100, label: '', firstDone: 20, firstAt: 1000, at: 3000 };
    expect(
      studyEta({ current: cell(1), outcomes: one, robust, lastSample: sample, afterRun: true, now: 0 }),
    ).toBeCloseTo(6 + 11, 10);
    // The last cell finished: nothing left.
    expect(
      studyEta({ current: cell(2), outcomes: done, robust: null, lastSample: sample, afterRun: true, now: 0 }),
    ).toBe(0);
  });
});

describe('curves across seeds and the sweep', () => {
  it('mean and min–max per epoch over seeds', () => {
    const cfg = studyConfig({ seeds: [1, 2, 3] }, [{ method: 'student-alone' }]);
    const curves = seedCurves(
      outcomesAt(
        outcomes(cfg, (_, seed) => [0.9 + seed / 100, null]),
        null,
      ),
    );
    const s = curves.find((c) => c.id === 'student-1')!;
    expect(s.seeds.map((x) => x.seed)).toEqual([1, 2, 3]);
    expect(s.mean.map((p) => [p.x, +p.y.toFixed(6)])).toEqual([
      [1, 82],
      [2, 92],
    ]);
    expect(s.band.map((b) => [b.x, +b.lo.toFixed(6), +b.hi.toFixed(6)])).toEqual([
      [1, 81, 83],
      [2, 91, 93],
    ]);
    expect(curvesSummary(curves)).toContain(
      'S1: Student alone: mean 92.00 % after epoch 2 over 3 seeds (range 91.00 to 93.00 %)',
    );
  });

  it('a band is a closed path along the top edge and back along the bottom', () => {
    const id = (v: number) => v;
    const d = bandPath(
      [
        { x: 1, lo: 10, hi: 20 },
        { x: 2, lo: 12, hi: 22 },
      ],
      id,
      id,
    );
    expect(d).toBe('M1,20L2,22L2,12L1,10Z');
    expect(bandPath([{ x: 1, lo: 1, hi: 2 }], id, id)).toBe('');
  });

  it('sweep lines: per model, mean and range at each value, in value order', () => {
    const cfg = studyConfig({ seeds: [1, 2, 3], sweep: { param: 'sigma', values: [0.3, 0.1] } });
    const acc: Acc = (id, seed, value) => [0.8 + (value ?? 0) / 10 + seed / 1000, id === 'teacher' ? 0.5 : 0.1];
    const s = studySummary(cfg, outcomes(cfg, acc))!;
    const lines = sweepLines(s.sweepRows!, 'clean', 'sigma');
    const soft = lines.find((l) => l.id === 'student-4')!;
    expect(soft.mean.map((p) => [p.x, +p.y.toFixed(6)])).toEqual([
      [0.1, 81.2],
      [0.3, 83.2],
    ]);
    expect(soft.range.map((r) => [+r.lo.toFixed(6), +r.hi.toFixed(6)])).toEqual([
      [81.1, 81.3],
      [83.1, 83.3],
    ]);
    expect(soft.label).toBe('S4: Soft Randomization'); // one line over every σ
    expect(sweptLabel('Teacher (labels corrupted, r=0.2)', 'rate')).toBe('Teacher (labels corrupted)');
    expect(sweepAxis([0.3, 0.1]).ticks).toEqual([0.1, 0.3]);
    expect(sweepSummary([soft], 'σ')).toBe(`${soft.label}: 81.20 % at σ = 0.1, 83.20 % at σ = 0.3 (3 seeds each)`);
  });
});

describe('exports', () => {
  it('per-seed CSV rows and a JSON with config, cells, summary and verdicts', () => {
    const cells = outcomes(three, ACC);
    expect(perSeedCsv(summary3).trim().split('\n')).toHaveLength(perSeedRows(summary3).length);
    expect(perSeedRows(summary3)).toHaveLength(1 + 7 * 3);
    const json = JSON.parse(
      studyJson({ runConfig: three, status: 'done', dataset: null, backend: null, outcomes: cells, summary: summary3 }),
    );
    expect(json.kind).toBe('study');
    expect(json.seeds).toEqual([1, 2, 3]);
    expect(json.attack.afterRun).toBe(true);
    expect(json.config.study).toEqual({ seeds: [1, 2, 3] });
    expect(json.cells).toHaveLength(3);
    expect(json.cells[0].results[0].history).toHaveLength(2);
    expect(json.summary.groups[0].claims.map((c: { pairs: { verdict: string }[] }) => c.pairs[0].verdict)).toEqual([
      'not-seen',
      'holds',
      'opposite',
    ]);
    expect(json.verdicts[0].lines[1]).toMatch(/Verdict: holds here\.$/);
  });
});

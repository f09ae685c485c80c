// Study spec parsing, cells and their split over processes, references, paired summaries, claim verdicts and
// CSV rows, on plain data (no training: the CLI test trains).
import { describe, expect, it } from 'vitest';
import { experimentConfig, type ExperimentConfig } from '../config/schema';
import { modelRecords, pairedDiff, summarizeStudy, type CellRecord } from './aggregate';
import { verdictOf } from './claims';
import { perSeedRows, summaryRows, toCsv } from './csv';
import { cellConfig, cellsOfPart, checkStudy, studyCells } from './plan';
import { referencesOf } from './references';
import { parseSeeds, parseSweep, studySpec, type StudySpec } from './spec';
import { claimLines, diffText, pts } from './text';

const THREE_CLAIMS = [
  { method: 'student-alone' },
  { method: 'hinton-kd' },
  { method: 'fickle-teacher' },
  { method: 'soft-randomization', sigma: 0.2 },
  { method: 'gaussian-augmentation', sigma: 0.2 },
  { method: 'messy-collaboration', rate: 0.2, target: 'S' },
];

function config(students: unknown[] = THREE_CLAIMS): ExperimentConfig {
  return experimentConfig.parse({
    data: { dataset: 'synthetic', trainSize: 64, testSize: 32, size: 8 },
    teacher: { model: { family: 'cnn', channels: [4, 8], hidden: 16, dropout: 0.3 }, epochs: 1 },
    student: { model: { family: 'cnn', channels: [4, 8], hidden: 16 }, epochs: 1 },
    students,
    optimizer: { type: 'adam', lr: 0.01 },
    batchSize: 16,
  });
}

/** Deterministic pseudo-results: each model has its own offset, each seed its own shift (paired noise). */
function fakeCells(cfg: ExperimentConfig, spec: StudySpec, offsets: Record<string, [number, number]>): CellRecord[] {
  return studyCells(spec).map((c) => {
    const cc = cellConfig(cfg, c, spec.sweep);
    if (!cc.ok) throw new Error(cc.error);
    const ids = ['teacher', ...cc.config.students.map((_, i) => `student-${i + 1}`)];
    const shift = ((c.seed * 37) % 11) / 1000 + (c.value ?? 0) / 10;
    return {
      seed: c.seed,
      value: c.value,
      models: ids.map((id, i) => {
        const [clean, robust] = offsets[id] ?? [0, 0];
        const jitter = (((c.seed * 13 + i * 7) % 5) - 2) / 10000;
        return {
          id,
          label: id,
          kind: id === 'teacher' ? ('teacher' as const) : ('student' as const),
          method: 'x',
          clean: 0.9 + shift + clean + jitter,
          robust: 0.3 + 2 * shift + robust - jitter,
        };
      }),
    };
  });
}

describe('parseSeeds', () => {
  it('lists, ranges, counts', () => {
    expect(parseSeeds('1,2,3')).toEqual({ ok: true, value: [1, 2, 3] });
    expect(parseSeeds('1-10')).toEqual({ ok: true, value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(parseSeeds('3')).toEqual({ ok: true, value: [1, 2, 3] });
    expect(parseSeeds('7-7')).toEqual({ ok: true, value: [7] });
    expect(parseSeeds(' 5, 9 ,11-12')).toEqual({ ok: true, value: [5, 9, 11, 12] });
  });
  it('refuses zero, duplicates, more than 10, junk', () => {
    for (const bad of ['0', '0,1', '1,1', '1-11', '11', '2-1', 'a', '1.5,2', '', '1,,2', '-3'])
      expect(parseSeeds(bad).ok, bad).toBe(false);
    const zero = parseSeeds('0,1,2');
    expect(!zero.ok && zero.error).toMatch(/positive/);
  });
});

describe('parseSweep and the spec schema', () => {
  it('parses the parameter aliases', () => {
    expect(parseSweep('sigma=0.05,0.1,0.2')).toEqual({ ok: true, value: { param: 'sigma', values: [0.05, 0.1, 0.2] } });
    expect(parseSweep('T=2,4')).toMatchObject({ value: { param: 'temperature' } });
    expect(parseSweep('dropout=0.2,0.4')).toMatchObject({ value: { param: 'teacherDropout' } });
    expect(parseSweep('r=0.1')).toMatchObject({ value: { param: 'rate' } });
    for (const bad of ['sigma', 'beta=1', 'sigma=a', 'sigma=0.1,0.1', 'sigma='])
      expect(parseSweep(bad).ok, bad).toBe(false);
  });
  it('the zod spec bounds seeds', () => {
    expect(studySpec.safeParse({ seeds: [1, 2] }).success).toBe(true);
    expect(studySpec.safeParse({ seeds: [] }).success).toBe(false);
    expect(studySpec.safeParse({ seeds: [0] }).success).toBe(false);
    expect(studySpec.safeParse({ seeds: Array.from({ length: 11 }, (_, i) => i + 1) }).success).toBe(false);
  });
});

describe('cells', () => {
  const spec: StudySpec = { seeds: [1, 2, 3], sweep: { param: 'sigma', values: [0.1, 0.2] } };
  it('value × seed, value-major', () => {
    expect(studyCells(spec).map((c) => [c.index, c.value, c.seed])).toEqual([
      [0, 0.1, 1],
      [1, 0.1, 2],
      [2, 0.1, 3],
      [3, 0.2, 1],
      [4, 0.2, 2],
      [5, 0.2, 3],
    ]);
  });
  it('round-robin over N processes: every cell exactly once', () => {
    const cells = studyCells(spec);
    for (const of of [1, 2, 4, 6, 8]) {
      const parts = Array.from({ length: of }, (_, i) => cellsOfPart(cells, i, of).map((c) => c.index));
      expect(parts.flat().sort((a, b) => a - b)).toEqual(cells.map((c) => c.index));
    }
    expect(cellsOfPart(cells, 1, 4).map((c) => c.index)).toEqual([1, 5]);
    expect(() => cellsOfPart(cells, 4, 4)).toThrow(/0 to 3/);
  });
  it('a sweep value is applied where it means something, and validated', () => {
    const cfg = config();
    const c = cellConfig(cfg, { seed: 5, value: 0.05 }, { param: 'sigma', values: [0.05] });
    expect(c.ok && c.config.seed).toBe(5);
    const students = c.ok ? c.config.students : [];
    expect(students.map((s) => ('sigma' in s ? s.sigma : null))).toEqual([null, null, null, 0.05, 0.05, null]);
    const t = cellConfig(cfg, { seed: 1, value: 2 }, { param: 'temperature', values: [2] });
    expect(t.ok && t.config.students.map((s) => ('temperature' in s ? s.temperature : null))).toEqual([
      null,
      2,
      2,
      2,
      null,
      2,
    ]);
    const d = cellConfig(cfg, { seed: 1, value: 0.5 }, { param: 'teacherDropout', values: [0.5] });
    expect(d.ok && d.config.teacher.model.dropout).toBe(0.5);
    // Fickle Teacher needs teacher dropout > 0: the config's own rule refuses the value.
    expect(checkStudy(cfg, { seeds: [1], sweep: { param: 'teacherDropout', values: [0.4, 0] } })).toMatch(
      /teacher dropout = 0.*Fickle Teacher needs/,
    );
    expect(checkStudy(cfg, { seeds: [1], sweep: { param: 'sigma', values: [0] } })).toMatch(/σ = 0/);
    expect(
      checkStudy(config([{ method: 'hinton-kd' }]), { seeds: [1], sweep: { param: 'sigma', values: [0.1] } }),
    ).toMatch(/changes nothing/);
  });
});

describe('references', () => {
  it('the Δ column of the three-claims config', () => {
    const { refs, none } = referencesOf(config());
    expect(refs.map((r) => [r.modelId, r.refId])).toEqual([
      ['student-2', 'student-1'], // Hinton KD vs student alone
      ['student-3', 'student-2'], // Fickle Teacher vs Hinton KD
      ['student-4', 'student-5'], // Soft Randomization vs Gaussian augmentation, same σ
      ['student-6', 'student-2'], // Messy Collaboration vs Hinton KD
      ['student-6', 'student-1'], // … and vs student alone
    ]);
    expect(none.map((n) => n.modelId)).toEqual(['student-1', 'student-5']);
  });
  it('an absent reference says why', () => {
    const { refs } = referencesOf(
      config([
        { method: 'fickle-teacher' },
        { method: 'soft-randomization', sigma: 0.2 },
        { method: 'gaussian-augmentation', sigma: 0.1 },
        { method: 'hinton-kd', temperature: 2 },
      ]),
    );
    expect(refs.map((r) => [r.modelId, r.refId, r.reason])).toEqual([
      ['student-1', null, 'no Hinton KD student with the same T and α in this study'],
      ['student-2', null, 'no Gaussian augmentation student at σ=0.2 in this study'],
      ['student-4', null, 'no Student alone in this study'],
    ]);
  });
});

describe('paired differences and verdicts', () => {
  it('pairs by seed, counts the seeds that favour', () => {
    const a = new Map([
      [1, 0.9],
      [2, 0.92],
      [3, 0.91],
      [4, 0.5],
    ]);
    const b = new Map([
      [1, 0.89],
      [2, 0.93],
      [3, 0.9],
    ]);
    const d = pairedDiff([1, 2, 3, 4], a, b)!;
    expect(d.seeds).toEqual([1, 2, 3]);
    expect(d.diffs.map((x) => Number(x.toFixed(10)))).toEqual([0.01, -0.01, 0.01]);
    expect(d.favour).toBe(2);
    expect(d.mean).toBeCloseTo(0.01 / 3, 12);
    // sd of [1,−1,1]/100 = 0.011547…; t(0.975,2) = 4.302653 (scipy)
    expect(d.hi - d.mean).toBeCloseTo((4.302653 * 0.0115470054) / Math.sqrt(3), 8);
  });
  it('verdict rules: n < 3, above, below, containing and touching 0', () => {
    expect(verdictOf({ n: 2, lo: 0.1, hi: 0.2 })).toBe('too-few');
    expect(verdictOf({ n: 1, lo: NaN, hi: NaN })).toBe('too-few');
    expect(verdictOf({ n: 3, lo: 0.001, hi: 0.2 })).toBe('holds');
    expect(verdictOf({ n: 3, lo: -0.2, hi: -0.001 })).toBe('opposite');
    expect(verdictOf({ n: 5, lo: -0.1, hi: 0.1 })).toBe('not-seen');
    expect(verdictOf({ n: 4, lo: 0, hi: 0.1 })).toBe('not-seen');
    expect(verdictOf({ n: 4, lo: -0.1, hi: 0 })).toBe('not-seen');
    expect(verdictOf({ n: 10, lo: 0, hi: 0 })).toBe('not-seen');
  });
  it('text: signed points, interval and k of n', () => {
    const d = pairedDiff(
      [1, 2, 3],
      new Map([
        [1, 0.5],
        [2, 0.6],
        [3, 0.7],
      ]),
      new Map([
        [1, 0.4],
        [2, 0.4],
        [3, 0.4],
      ]),
    )!;
    // diffs 0.1, 0.2, 0.3: mean 0.2, sd 0.1, half-width 4.302653·0.1/√3 = 0.248414
    expect(diffText(d)).toBe('+20.00 pts (95 % CI −4.84 to +44.84), 3 of 3 seeds favour');
    expect(pts(-0.00001)).toBe('+0.00');
  });
});

describe('summarizeStudy', () => {
  const cfg = config();
  // S3 (Fickle) +1 point clean over S2 (Hinton KD) every seed; S4 (Soft Rand.) +20 points PGD and −0.5 clean vs
  // S5 (Gaussian); S6 (Messy) −3 points PGD vs S2.
  const offsets: Record<string, [number, number]> = {
    'student-3': [0.01, 0],
    'student-4': [-0.005, 0.2],
    'student-6': [0, -0.03],
  };

  it('per model: mean ± sd over seeds and per-seed values', () => {
    const spec: StudySpec = { seeds: [1, 2, 3] };
    const cells = fakeCells(cfg, spec, offsets);
    const s = summarizeStudy(cfg, spec, cells);
    expect(s.groups).toHaveLength(1);
    const [g] = s.groups;
    expect(g.models.map((m) => m.id)).toEqual(['teacher', ...cfg.students.map((_, i) => `student-${i + 1}`)]);
    const s3 = g.models.find((m) => m.id === 'student-3')!;
    const vals = cells.map((c) => c.models.find((m) => m.id === 'student-3')!.clean);
    expect(s3.perSeed.map((p) => p.clean)).toEqual(vals);
    expect(s3.clean.mean).toBeCloseTo(vals.reduce((a, b) => a + b) / 3, 14);
    expect(s3.label).toBe('S3: Fickle Teacher');
  });

  it('claims: holds / opposite with 3 seeds, too few with 2, not evaluated when a model is missing', () => {
    const spec3: StudySpec = { seeds: [1, 2, 3] };
    const g3 = summarizeStudy(cfg, spec3, fakeCells(cfg, spec3, offsets)).groups[0];
    expect(g3.claims.map((c) => c.pairs.map((p) => p.verdict))).toEqual([['holds'], ['holds'], ['opposite']]);
    const lines = claimLines(g3.claims);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^Claim 1: Fickle Teacher improves clean accuracy.* 3 of 3 seeds favour\. Verdict: holds here\.$/,
    );
    expect(lines[1]).toMatch(/PGD Δ \+20\.\d\d pts .*; clean Δ −0\.\d\d pts .* Verdict: holds here\./);
    expect(lines[2]).toMatch(/0 of 3 seeds favour\. Verdict: opposite here\./);

    const spec2: StudySpec = { seeds: [4, 9] };
    const g2 = summarizeStudy(cfg, spec2, fakeCells(cfg, spec2, offsets)).groups[0];
    expect(claimLines(g2.claims).every((l) => l.endsWith('Verdict: too few seeds.'))).toBe(true);

    // Equal results on every seed: the interval is [0, 0], touching 0: not seen.
    const same = fakeCells(cfg, spec3, offsets).map((c) => ({
      ...c,
      models: c.models.map((m) =>
        m.id === 'student-3' ? { ...m, clean: c.models.find((x) => x.id === 'student-2')!.clean } : m,
      ),
    }));
    const p0 = summarizeStudy(cfg, spec3, same).groups[0].claims[0].pairs[0];
    expect([p0.diff.lo, p0.diff.hi, p0.verdict]).toEqual([0, 0, 'not-seen']);

    const partial = config([{ method: 'hinton-kd' }, { method: 'fickle-teacher' }]);
    const gp = summarizeStudy(partial, spec3, fakeCells(partial, spec3, {})).groups[0];
    const pl = claimLines(gp.claims);
    expect(pl).toHaveLength(3);
    expect(pl[1]).toMatch(/^Claim 2: .* Not evaluated: the study needs a Soft Randomization/);
    expect(gp.comparisons.find((c) => c.modelId === 'student-1')!.reason).toBe('no Student alone in this study');
  });

  it('without PGD results the robust claims are not evaluated, the clean one still is', () => {
    const spec: StudySpec = { seeds: [1, 2, 3] };
    const cells = fakeCells(cfg, spec, offsets).map((c) => ({
      ...c,
      models: c.models.map((m) => ({ ...m, robust: null })),
    }));
    const g = summarizeStudy(cfg, spec, cells).groups[0];
    expect(g.claims.map((c) => c.pairs.length)).toEqual([1, 0, 0]);
    expect(g.models[0].robust).toBeNull();
  });

  it('cells split over N processes, shuffled and merged, give the same summary as one run', () => {
    const spec: StudySpec = { seeds: [3, 1, 2, 5], sweep: { param: 'sigma', values: [0.1, 0.3] } };
    const all = fakeCells(cfg, spec, offsets);
    const one = summarizeStudy(cfg, spec, all);
    for (const of of [2, 3, 8]) {
      const parts = Array.from({ length: of }, (_, i) => cellsOfPart(studyCells(spec), i, of).map((c) => all[c.index]));
      const merged = parts.reverse().flatMap((p) => [...p].reverse());
      expect(summarizeStudy(cfg, spec, merged)).toEqual(one);
    }
    expect(one.groups.map((g) => g.value)).toEqual([0.1, 0.3]);
    expect(one.groups[0].seeds).toEqual([3, 1, 2, 5]);
    expect(one.groups[1].models.find((m) => m.id === 'student-4')!.label).toBe('S4: Soft Randomization σ=0.3');
    // Sweep rows: per (model, value), clean and robust mean/sd/min/max.
    const rows = one.sweepRows!.filter((r) => r.modelId === 'student-4');
    expect(rows.map((r) => r.value)).toEqual([0.1, 0.3]);
    const g1 = one.groups[1].models.find((m) => m.id === 'student-4')!;
    expect(rows[1].clean).toEqual(g1.clean);
    expect(rows[1].robust!.max).toBe(Math.max(...g1.perSeed.map((p) => p.robust!)));
  });

  it('CSV: one row per model × seed; summary with the verdicts', () => {
    const spec: StudySpec = { seeds: [1, 2, 3] };
    const s = summarizeStudy(cfg, spec, fakeCells(cfg, spec, offsets));
    const per = perSeedRows(s);
    expect(per).toHaveLength(1 + 7 * 3);
    expect(per[1].slice(2, 6)).toEqual([1, 'teacher', 'Teacher', 'teacher']);
    const sum = summaryRows(s);
    const claims = sum.filter((r) => String(r[0]).startsWith('claim'));
    expect(claims.map((r) => r[15])).toEqual(['holds here', 'holds here', 'opposite here']);
    expect(sum.filter((r) => r[0] === 'model')).toHaveLength(7 * 2);
    expect(sum.filter((r) => r[0] === 'delta')).toHaveLength(5 * 2);
    const csv = toCsv(sum);
    expect(csv.split('\n')[0]).toBe(
      'section,sweep,value,model,method,reference,metric,n,mean,sd,min,max,ci95_lo,ci95_hi,seeds_favour,verdict,note',
    );
    expect(csv).toContain('"Soft Randomization is far more robust under PGD than Gaussian augmentation at the same σ,');
  });
});

describe('modelRecords', () => {
  it('joins trainer results with robust accuracy by model id; unattacked models get null', () => {
    const results = [
      { id: 'teacher', label: 'Teacher', kind: 'teacher' as const, method: 'teacher', testAcc: 0.98 },
      { id: 'student-1', label: 'S1: Student alone', kind: 'student' as const, method: 'student-alone', testAcc: 0.95 },
    ];
    expect(modelRecords(results, { teacher: 0.4 })).toEqual([
      { id: 'teacher', label: 'Teacher', kind: 'teacher', method: 'teacher', clean: 0.98, robust: 0.4 },
      {
        id: 'student-1',
        label: 'S1: Student alone',
        kind: 'student',
        method: 'student-alone',
        clean: 0.95,
        robust: null,
      },
    ]);
    expect(modelRecords(results, null).every((r) => r.robust === null)).toBe(true);
  });
});

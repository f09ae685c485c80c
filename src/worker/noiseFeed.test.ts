// The noise panel's and the prediction grid's events from the real worker (in process, tfjs cpu): a view per noise
// source while the panel is open (none while it is closed), at most ~3 a second, the same training results either
// way; a prediction grid after every epoch with every model trained so far.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { open, tiny, type Ev, type Session } from '../test/workerSession';
import { NOISE_VIEW_MS } from './noiseFeed';

const cfg = (over: Record<string, unknown> = {}) =>
  tiny({
    students: [
      { method: 'soft-randomization', sigma: 0.3 },
      { method: 'fickle-teacher' },
      { method: 'messy-collaboration', rate: 0.5, target: 'S' },
    ],
    ...over,
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Step mode: at every pause wait `ms` (the trailing view comes meanwhile), then resume, until done. */
async function stepSlowly(s: Session, id: number, ms: number): Promise<void> {
  for (let seen = 0; !s.of('done', id).length;) {
    if (s.of('error', id).length) throw new Error(JSON.stringify(s.of('error', id)));
    if (s.of('paused', id).length > seen) {
      seen++;
      await sleep(ms);
      s.client.resume();
    } else await sleep(5);
  }
}

const resultsOf = (s: Session, id: number) =>
  s.of('done', id)[0].results.map((r) => ({ id: r.id, testAcc: r.testAcc, testLoss: r.testLoss }));

describe('noise view events', () => {
  it('show each noise source of the model in training, only while the panel is open', async () => {
    const s = open();
    s.client.noiseView(true);
    const id = s.client.start(cfg(), { stepMode: true });
    await stepSlowly(s, id, NOISE_VIEW_MS + 150);
    const views = s.of('noise-view', id).map((e) => e.view);
    const by = (modelId: string) => views.filter((v) => v.modelId === modelId);
    expect(new Set(views.map((v) => v.modelId))).toEqual(new Set(['teacher', 'student-1', 'student-2', 'student-3']));
    for (const v of views) {
      expect(v.shape).toEqual([8, 8, 1]);
      expect(v.clean).toHaveLength(64);
      expect(v.classNames).toHaveLength(10);
      expect(v.prediction!.confidence).toBeGreaterThan(0);
    }
    // The teacher: no noise at all.
    for (const v of by('teacher')) expect([v.input, v.targets, v.spread, v.flips]).toEqual([null, null, null, null]);
    // Soft Randomization: x + σε differs from x; the teacher's soft targets of the clean image.
    for (const v of by('student-1')) {
      expect(v.input!.sigma).toBe(0.3);
      expect(Array.from(v.input!.noisy)).not.toEqual(Array.from(v.clean));
      expect(v.targets!.probs.reduce((a, p) => a + p, 0)).toBeCloseTo(1, 4);
      expect(v.spread).toBeNull();
    }
    // Fickle Teacher: the spread over 8 dropout masks (the teacher has dropout 0.3).
    const spreads = by('student-2').map((v) => v.spread!);
    expect(spreads.length).toBeGreaterThan(0);
    for (const sp of spreads) expect(sp.masks).toBe(8);
    expect(Math.max(...spreads.map((sp) => Math.max(...sp.max.map((hi, k) => hi - sp.min[k]))))).toBeGreaterThan(0);
    // Messy Collaboration S: the flipped labels of a training batch.
    const flips = by('student-3')
      .map((v) => v.flips)
      .filter((f) => f !== null);
    expect(flips.length).toBeGreaterThan(0);
    for (const f of flips) {
      expect(f).toMatchObject({ id: 'student-3', rate: 0.5, batch: 16 });
      expect(f.count).toBeLessThanOrEqual(16);
    }
    expect(by('student-3')[0].labelNoise).toBe(0.5);

    // Closed: nothing more, even across a whole run.
    s.client.noiseView(false);
    const id2 = s.client.start(cfg(), { stepMode: true });
    await stepSlowly(s, id2, 50);
    expect(s.of('noise-view', id2)).toHaveLength(0);
  });

  it('come at most every NOISE_VIEW_MS and leave the training results unchanged', async () => {
    const long = cfg({ data: { ...tiny().data, trainSize: 480 }, students: [{ method: 'soft-randomization' }] });
    const a = open();
    const times: number[] = [];
    a.client.on((e) => e.type === 'noise-view' && times.push(performance.now()));
    a.client.noiseView(true);
    const t0 = performance.now();
    const ida = a.client.start(long);
    await a.end(ida);
    const seconds = (performance.now() - t0) / 1000;
    expect(times.length).toBeGreaterThan(1);
    expect(times.length).toBeLessThanOrEqual(Math.ceil((seconds * 1000) / NOISE_VIEW_MS) + 1);

    const b = open();
    const idb = b.client.start(long);
    await b.end(idb);
    expect(resultsOf(a, ida)).toEqual(resultsOf(b, idb));
  });
});

describe('prediction grid events', () => {
  it('come after every epoch, with every model trained so far on 8 fixed class-balanced test images', async () => {
    const s = open();
    const id = s.client.start(cfg({ seed: 11 })); // a seed of its own: its teacher is trained, not cached
    await s.until('done', id);
    const grids = s.of('predictions', id).map((e: Ev<'predictions'>) => e.grid);
    // Teacher 2 epochs, three students 2 epochs each.
    expect(grids.map((g) => `${g.phaseId}:${g.epoch}`)).toEqual([
      'teacher:1',
      'teacher:2',
      'student-1:1',
      'student-1:2',
      'student-2:1',
      'student-2:2',
      'student-3:1',
      'student-3:2',
    ]);
    expect(grids.map((g) => g.models.length)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    const last = grids.at(-1)!;
    expect(last.models.map((m) => m.id)).toEqual(['teacher', 'student-1', 'student-2', 'student-3']);
    expect(last.models[1].label).toMatch(/Soft Randomization/);
    expect(last.images).toHaveLength(8 * 64);
    expect(last.labels).toHaveLength(8);
    expect(new Set(last.labels).size).toBe(8); // 10 classes: 8 different ones
    for (const g of grids) expect(g.labels).toEqual(last.labels); // fixed images
    for (const m of last.models) {
      for (const p of m.predictions) {
        expect(p.predicted).toBeGreaterThanOrEqual(0);
        expect(p.predicted).toBeLessThan(10);
        expect(p.confidence).toBeGreaterThan(0.1 - 1e-6); // the top class of 10 has at least 1/10
        expect(p.confidence).toBeLessThanOrEqual(1);
      }
    }
    // The teacher trains between its two grids: its predictions' confidences change.
    expect(grids[1].models[0].predictions).not.toEqual(grids[0].models[0].predictions);
  });
});

// Study mode in the worker, through its client as the UI uses it (real engine on tfjs cpu, fake-indexeddb): the
// cells one after another with their robust evaluation, the checkpoint record that resumes a study in a new
// worker, pause / stop during the robust evaluation, bounded memory across cells, and the study checks.
import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { CellOutcome } from '../core/study';
import { inProcessWorkerWithHooks } from '../test/inProcessWorker';
import { open, pressOn, tiny, type Ev, type Session } from '../test/workerSession';
import type { WorkerEvent } from './protocol';

/** One epoch per phase, a teacher and two students (one with a σ), PGD-2 on 16 test images. */
const cfg = (over: Record<string, unknown> = {}) =>
  tiny({
    teacher: { ...tiny().teacher, epochs: 1 },
    student: { ...tiny().student, epochs: 1 },
    students: [{ method: 'student-alone' }, { method: 'soft-randomization', sigma: 0.1 }],
    ...over,
  });
const twoSeeds = (over: Record<string, unknown> = {}) => cfg({ study: { seeds: [1, 2] }, ...over });

const STUDY_EVENTS = ['started', 'cell', 'phase', 'robust-progress', 'cell-done', 'done'];
/** The run's study-level events in order, repeats collapsed. */
const order = (s: Session, id: number) =>
  s.events
    .filter((e) => e.id === id && STUDY_EVENTS.includes(e.type))
    .map((e) => e.type)
    .filter((t, i, a) => t !== a[i - 1]);

async function finish(s: Session, config: unknown): Promise<{ id: number; done: Ev<'done'>; outcomes: CellOutcome[] }> {
  const id = s.client.start(config);
  const end = await s.end(id);
  if (end.type !== 'done') throw new Error(`the run ended with ${JSON.stringify(end)}`);
  return { id, done: end, outcomes: s.of('cell-done', id).map((e) => e.outcome) };
}

/** Waits until the worker has finished everything it does after `done` (a start queues behind it). */
async function settled(s: Session): Promise<void> {
  await s.until('invalid', s.client.start({ batchSize: -1 }));
}

/**
 * What must not depend on how the study got there: every model's clean and robust accuracy and test loss (not
 * times; not histories either: a teacher taken from the cache has none).
 */
const numbers = (o: CellOutcome) => ({
  cell: o.cell,
  models: o.models,
  results: o.results.map((r) => ({ id: r.id, testAcc: r.testAcc, testLoss: r.testLoss })),
  robust: o.robust && { label: o.robust.label, count: o.robust.count },
});

async function waitFor(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((r) => setTimeout(r, 2));
}

let reference: Promise<CellOutcome[]> | null = null;
/** The two-seed study run uninterrupted (shared by the tests that compare with it). */
const uninterrupted = () => (reference ??= finish(open(), twoSeeds()).then((r) => r.outcomes));

describe('study mode in the worker (real engine, cpu)', () => {
  it('a two-seed study: started → cell 0 … cell-done 0 → cell 1 … cell-done 1 → done, robust for every model', async () => {
    const s = open();
    const { id, done, outcomes } = await finish(s, twoSeeds());
    const seq = order(s, id);
    const cell = ['cell', 'phase', 'robust-progress', 'cell-done'];
    expect(seq).toEqual(['started', ...cell, ...cell, 'done']);
    expect(s.of('started', id)).toHaveLength(1);
    expect(s.of('started', id)[0].config.study).toEqual({ seeds: [1, 2] });
    expect(s.of('cell', id).map((e) => [e.cell, e.of])).toEqual([
      [{ index: 0, seed: 1, value: null }, 2],
      [{ index: 1, seed: 2, value: null }, 2],
    ]);
    // Each cell's phases come between its `cell` and its `cell-done`: a teacher and two students each.
    const at = (e: WorkerEvent) => s.events.indexOf(e);
    const [c0, c1] = s.of('cell', id).map(at);
    const [d0, d1] = s.of('cell-done', id).map(at);
    const phases = s.of('phase', id).map(at);
    expect(phases.filter((p) => p > c0 && p < d0)).toHaveLength(3);
    expect(phases.filter((p) => p > c1 && p < d1)).toHaveLength(3);

    for (const o of outcomes) {
      expect(o.models.map((m) => m.id)).toEqual(['teacher', 'student-1', 'student-2']);
      for (const m of o.models) {
        expect(m.robust).toBeGreaterThanOrEqual(0);
        expect(m.robust).toBeLessThanOrEqual(m.clean); // correct clean AND after the attack
        expect(m.clean).toBe(o.results.find((r) => r.id === m.id)!.testAcc);
      }
      expect(o.robust).toMatchObject({ label: 'PGD-2 ε=0.1 (rand)', count: 16 });
      expect(o.robust!.seconds).toBeGreaterThan(0);
      expect(o.results.every((r) => r.history.length === 1)).toBe(true);
      // Progress over all three models, throttled, ending at the total.
      const progress = s.of('robust-progress', id).filter((p) => p.cell === o.cell.index);
      expect(progress[0]).toMatchObject({ done: 0, total: 48, label: 'PGD-2 ε=0.1 (rand)' });
      expect(progress.at(-1)).toMatchObject({ done: 48, total: 48 });
    }
    // The seeds changed the runs; `done` carries the last cell's results and the training time of all cells.
    expect(outcomes[0].results.map((r) => r.testLoss)).not.toEqual(outcomes[1].results.map((r) => r.testLoss));
    expect(done.results).toEqual(outcomes[1].results);
    expect(done.seconds).toBeCloseTo(outcomes[0].seconds + outcomes[1].seconds, 6);
    // A cell is exactly a plain run of the config with that seed.
    const plain = await finish(s, cfg({ seed: 2 }));
    expect(numbers(plain.outcomes[0]).models).toEqual(numbers(outcomes[1]).models);
    const q = s.client.resumeInfo();
    expect((await s.until('resume-info', q)).info).toBeNull(); // finished: no record left
  });

  it('attack.afterRun false: no robust evaluation, robust null', async () => {
    const s = open();
    const { id, outcomes } = await finish(s, twoSeeds({ attack: { ...cfg().attack, afterRun: false } }));
    expect(outcomes).toHaveLength(2);
    for (const o of outcomes) {
      expect(o.robust).toBeNull();
      expect(o.models.every((m) => m.robust === null && m.clean >= 0)).toBe(true);
    }
    expect(s.of('robust-progress', id)).toEqual([]);
  });

  it('a plain run is a study of one cell: exactly one cell and one cell-done', async () => {
    const s = open();
    const { id, done, outcomes } = await finish(s, cfg({ seed: 7 }));
    expect(s.of('cell', id).map((e) => [e.cell, e.of])).toEqual([[{ index: 0, seed: 7, value: null }, 1]]);
    expect(outcomes).toHaveLength(1);
    expect(s.of('started', id)[0].config.study).toBeUndefined();
    expect(done.results).toEqual(outcomes[0].results);
    expect(done.seconds).toBe(outcomes[0].seconds);
  });

  it('a study interrupted in cell 1 resumes in a new worker: cell 0 replayed, cell 1 finished, same numbers', async () => {
    const ref = await uninterrupted();

    // Step mode pauses after every epoch (and before each robust evaluation): once a pause follows cell 1's
    // `cell`, a checkpoint of cell 1 is stored. Then the "tab" closes.
    const first = open();
    const id = first.client.start(twoSeeds(), { stepMode: true });
    for (;;) {
      await first.nextPaused(id);
      if (first.of('cell', id).length === 2) break;
      first.client.resume();
    }
    const interruptedFirst = first.of('cell-done', id).map((e) => e.outcome);
    first.client.terminate();

    const second = open();
    const info = (await second.until('resume-info', second.client.resumeInfo())).info;
    expect(info?.study).toEqual({ cell: 1, of: 2, seed: 2, value: null });
    expect(info?.config.study).toEqual({ seeds: [1, 2] });
    const rid = second.client.resumeRun();
    await pressOn(second, rid);
    // Replayed: started, cell 0 and its outcome (no phases or epochs of it), then cell 1 continues.
    const seq = order(second, rid);
    expect(seq.slice(0, 4)).toEqual(['started', 'cell', 'cell-done', 'cell']);
    expect(second.of('cell-done', rid)[0].outcome).toEqual(interruptedFirst[0]);
    expect(second.of('cell', rid).map((e) => e.cell.index)).toEqual([0, 1]);
    // Cell 1 continued from its checkpoint: only phases after the record's finished ones were trained again.
    expect(info!.phase).toBeGreaterThan(0);
    const plan = ['teacher', 'student-1', 'student-2'];
    const trained = second.of('steps', rid).flatMap((e) => e.samples);
    expect(trained.length).toBeGreaterThan(0);
    expect(trained.every((x) => plan.indexOf(x.id) >= info!.phase)).toBe(true);
    const resumedOutcomes = second.of('cell-done', rid).map((e) => e.outcome);
    expect(resumedOutcomes.map(numbers)).toEqual(ref.map(numbers));
    const q = second.client.resumeInfo();
    expect((await second.until('resume-info', q)).info).toBeNull();
  });

  it('a reload between cells continues with the next cell from its start, cell 0 not trained again', async () => {
    // Without the robust evaluation, step mode's pause after cell 0's last epoch falls on cell 1's first step:
    // cell 0 is done and recorded, cell 1 has no checkpoint yet (seeds with no cached teacher).
    const config = twoSeeds({ study: { seeds: [13, 14] }, attack: { ...cfg().attack, afterRun: false } });
    const first = open();
    const id = first.client.start(config, { stepMode: true });
    for (;;) {
      await first.nextPaused(id);
      if (first.of('cell', id).length === 2) break;
      first.client.resume();
    }
    expect(first.of('cell-done', id)).toHaveLength(1);
    first.client.terminate();

    const second = open();
    const info = (await second.until('resume-info', second.client.resumeInfo())).info;
    expect(info).toMatchObject({ study: { cell: 1, of: 2, seed: 14, value: null }, phase: 0, epoch: 0, phases: 3 });
    const rid = second.client.resumeRun();
    await pressOn(second, rid);
    expect(order(second, rid).slice(0, 4)).toEqual(['started', 'cell', 'cell-done', 'cell']);
    // Cell 1 from its start: its three phases, none resumed; cell 0's phases are not replayed.
    expect(second.of('phase', rid).map((e) => [e.phase.id, !!e.phase.resumed])).toEqual([
      ['teacher', false],
      ['student-1', false],
      ['student-2', false],
    ]);
    const ref = await finish(open(), config);
    expect(second.of('cell-done', rid).map((e) => numbers(e.outcome))).toEqual(ref.outcomes.map(numbers));
  });

  it('a record of an older version (no study) resumes as a one-cell run', async () => {
    const { listCheckpoints, saveCheckpoint } = await import('../storage/checkpoints');
    const first = open();
    const id = first.client.start(cfg({ seed: 31, student: { ...cfg().student, epochs: 2 } }), { stepMode: true });
    await first.nextPaused(id);
    first.client.terminate();
    const rec = (await listCheckpoints()).find((c) => c.checkpoint.config.seed === 31)!;
    expect(rec.study).toEqual({ base: expect.objectContaining({ seed: 31 }), done: [], cell: 0 });
    delete rec.study;
    await saveCheckpoint(rec);

    const second = open();
    const info = (await second.until('resume-info', second.client.resumeInfo())).info;
    expect(info).toMatchObject({ study: null, config: { seed: 31 } });
    const rid = second.client.resumeRun(info!.runKey);
    await pressOn(second, rid);
    expect(second.of('cell', rid).map((e) => [e.cell, e.of])).toEqual([[{ index: 0, seed: 31, value: null }, 1]]);
    expect(second.of('cell-done', rid)[0].outcome.models).toHaveLength(3);
  });

  it('pause during the robust evaluation → paused, resume finishes; stop during it → stopped, no record', async () => {
    // A slower attack (PGD-40 on 32 images, one model at a time) so the pause lands inside it.
    const slow = cfg({ attack: { eps: 0.1, stepSize: 0.01, steps: 40, subset: 32 } });
    const s = open();
    const id = s.client.start(slow);
    await s.until('robust-progress', id);
    s.client.pause();
    await s.until('paused', id);
    const at = (e: WorkerEvent | undefined) => (e ? s.events.indexOf(e) : -1);
    expect(s.of('cell-done', id)).toEqual([]);
    const progressBefore = s.of('robust-progress', id);
    expect(progressBefore.at(-1)!.done).toBeLessThan(96);
    // While paused the lab attacks this cell's models.
    const sweep = s.client.attack({
      type: 'attack-sweep',
      attack: { kind: 'fgsm', eps: 0.1 },
      epsList: [0, 0.1],
      subset: 16,
      source: null,
      seed: 1,
    });
    expect((await s.until('attack-sweep', sweep)).result.models.map((m) => m.id)).toEqual([
      'teacher',
      'student-1',
      'student-2',
    ]);
    s.client.resume();
    const done = await s.until('done', id);
    expect(at(s.of('paused', id)[0])).toBeLessThan(at(s.of('cell-done', id)[0]));
    expect(s.of('robust-progress', id).at(-1)).toMatchObject({ done: 96, total: 96 });
    expect(done.results).toHaveLength(3);

    const id2 = s.client.start(slow);
    await s.until('robust-progress', id2);
    s.client.stop();
    expect((await s.end(id2)).type).toBe('stopped');
    expect(s.of('cell-done', id2)).toEqual([]);
    expect((await s.until('resume-info', s.client.resumeInfo())).info).toBeNull();
  });

  it('in step mode the pause after the last epoch falls before the robust evaluation; stop there ends the run', async () => {
    const s = open();
    const id = s.client.start(cfg(), { stepMode: true });
    for (;;) {
      await s.nextPaused(id);
      if (s.of('robust-progress', id).length) break;
      s.client.resume();
    }
    expect(s.of('robust-progress', id)).toHaveLength(1);
    expect(s.of('robust-progress', id)[0].done).toBe(0);
    s.client.stop();
    expect((await s.end(id)).type).toBe('stopped');
    expect(s.of('cell-done', id)).toEqual([]);
  });

  it('memory stays bounded: tensors after a three-cell study equal those after a one-cell run', async () => {
    const s = open();
    const before = tf.memory().numTensors;
    await finish(s, cfg({ seed: 4 }));
    await settled(s);
    const one = tf.memory().numTensors;
    expect(one).toBeGreaterThan(before); // the lab holds the last cell's models (and the cached teacher)
    await finish(s, cfg({ study: { seeds: [5, 6, 8] } }));
    await settled(s);
    expect(tf.memory().numTensors).toBe(one);
    await finish(s, cfg({ study: { seeds: [9, 10], sweep: { param: 'sigma', values: [0.1, 0.2] } } }));
    await settled(s);
    expect(tf.memory().numTensors).toBe(one);
  });

  it('a σ sweep on a config without any σ student is refused before training', async () => {
    const s = open();
    const before = tf.memory().numTensors;
    const id = s.client.start(
      cfg({
        students: [{ method: 'student-alone' }, { method: 'hinton-kd' }],
        study: { seeds: [1], sweep: { param: 'sigma', values: [0.1, 0.2] } },
      }),
    );
    const err = (await s.end(id)) as Ev<'error'>;
    expect(err).toMatchObject({ type: 'error', code: 'invalid-config' });
    expect(err.message).toMatch(/sweeping σ changes nothing/);
    expect(s.of('started', id)).toEqual([]);
    expect(s.of('cell', id)).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a sweep (2 σ values × 1 seed): each cell trains with its value, and shares the seed’s teacher', async () => {
    const s = open();
    const { id, outcomes } = await finish(
      s,
      cfg({ study: { seeds: [23], sweep: { param: 'sigma', values: [0.05, 0.3] } } }),
    );
    expect(outcomes.map((o) => o.cell)).toEqual([
      { index: 0, seed: 23, value: 0.05 },
      { index: 1, seed: 23, value: 0.3 },
    ]);
    // The same seed and teacher settings: cell 1 reuses cell 0's teacher.
    const teacherPhases = s.of('phase', id).filter((e) => e.phase.id === 'teacher');
    expect(teacherPhases.map((e) => !!e.phase.reused)).toEqual([false, true]);
    // Cell 1 is a plain run with σ = 0.3: same numbers (and not those of σ = 0.05).
    const plain = await finish(
      s,
      cfg({ seed: 23, students: [{ method: 'student-alone' }, { method: 'soft-randomization', sigma: 0.3 }] }),
    );
    expect(plain.outcomes[0].models).toEqual(outcomes[1].models);
    expect(outcomes[1].results[2].testLoss).not.toBe(outcomes[0].results[2].testLoss);
  });

  it('the device is lost in cell 1: the study continues there on the next backend, cell 0 kept', async () => {
    const hooks = inProcessWorkerWithHooks();
    const s = open(() => hooks.worker);
    const id = s.client.start(twoSeeds({ teacher: { ...cfg().teacher, epochs: 2 } }));
    // An epoch of cell 1 (cell 0's came before its cell-done).
    await waitFor(() => {
      const c1 = s.of('cell', id)[1];
      return !!c1 && s.events.slice(s.events.indexOf(c1)).some((e) => e.type === 'epoch');
    });
    hooks.loseDevice('simulated: GPU reset');
    const done = await s.until('done', id, 60_000);
    expect(done.backend.name).toBe('wasm');
    // Cell 0 was not trained again: after the loss the study announces it as finished, then continues cell 1.
    const cells = s.of('cell', id).map((e) => e.cell.index);
    expect(cells).toEqual([0, 1, 0, 1]);
    const doneCells = s.of('cell-done', id).map((e) => e.outcome);
    expect(doneCells.map((o) => o.cell.index)).toEqual([0, 0, 1]);
    expect(doneCells[1]).toEqual(doneCells[0]);
    const restarted = s.events.indexOf(s.of('started', id)[1]);
    const after = s.events.slice(restarted).flatMap((e) => (e.type === 'steps' ? e.samples : []));
    expect(after.length).toBeGreaterThan(0);
    expect(s.of('error', id)).toEqual([]);
  });
});

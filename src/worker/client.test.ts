// The worker tested through its client, as the UI uses it: the real worker code (host.ts and its owners) on the
// real tfjs cpu backend, commands in, events out. IndexedDB is fake-indexeddb (in memory), so checkpoints,
// resume and the teacher cache run their real code.
import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { inProcessWorkerWithHooks } from '../test/inProcessWorker';
import { open, pressOn, tiny, type Ev, type Session } from '../test/workerSession';
import { TrainingClient } from './client';
import type { WorkerEvent } from './protocol';

describe('worker through its client (real engine, cpu)', () => {
  it('a run: ready → started → cell → phase → steps → epoch → phaseEnd … cell-done → done, all with the run id', async () => {
    const s = open();
    const id = s.client.start(tiny());
    const end = await s.end(id);
    expect(end.type).toBe('done');
    expect(s.events[0]).toEqual({ type: 'hello', id: 0 }); // the worker's code loaded
    const run = s.events.slice(1);
    const order = run.map((e) => e.type).filter((t, i, a) => t !== a[i - 1]);
    expect(order.slice(0, 5)).toEqual(['ready', 'started', 'cell', 'phase', 'steps']);
    expect(order.slice(-3)).toEqual(['robust-progress', 'cell-done', 'done']);
    expect(run.every((e) => e.id === id)).toBe(true);
    // One teacher (shared) and two students, in plan order, each with its epochs.
    expect(s.of('phase').map((e) => e.phase.id)).toEqual(['teacher', 'student-1', 'student-2']);
    expect(s.of('epoch')).toHaveLength(6);
    const done = end as Ev<'done'>;
    expect(done.results.map((r) => r.id)).toEqual(['teacher', 'student-1', 'student-2']);
    for (const r of done.results) expect(r.testAcc).toBeGreaterThanOrEqual(0);
    expect(done.backend.name).toBe('cpu');
    // Finished and cleaned up: no checkpoint left to resume.
    const q = s.client.resumeInfo();
    expect((await s.until('resume-info', q)).info).toBeNull();
  });

  it('an invalid config answers `invalid` with field-named errors and starts nothing', async () => {
    const s = open();
    const id = s.client.start(tiny({ batchSize: -4, students: [{ method: 'no-such-method' }] }));
    const inv = await s.until('invalid', id);
    expect(inv.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['batchSize', 'students.0.method']));
    await new Promise((r) => setTimeout(r, 50));
    expect(s.of('started')).toHaveLength(0);
  });

  it('pause → the lab attacks the models so far → resume → stop; a second start is refused while running', async () => {
    const s = open();
    const id = s.client.start(tiny({ teacher: { ...tiny().teacher, epochs: 3 } }));
    await s.until('epoch', id);
    s.client.pause();
    await s.until('paused', id);
    const again = s.client.start(tiny());
    expect((await s.until('error', again)).message).toMatch(/already in progress/);

    const sweep = s.client.attack({
      type: 'attack-sweep',
      attack: { kind: 'fgsm', eps: 0.1 },
      epsList: [0, 0.1],
      subset: 16,
      source: null,
      seed: 1,
    });
    const res = await s.until('attack-sweep', sweep);
    expect(res.result.models.map((m) => m.id)).toEqual(['teacher']);
    expect(res.result.sweep.epsList).toEqual([0, 0.1]);
    expect(res.result.sweep.models.teacher).toHaveLength(2);

    s.client.resume();
    await s.until('resumed', id);
    // While it trains, the lab refuses (models are changing).
    const refused = s.client.attack({ type: 'corruption-preview', index: 0, seed: 1 });
    expect((await s.until('attack-error', refused)).message).toMatch(/training/);
    s.client.stop();
    expect((await s.end(id)).type).toBe('stopped');
    // Nothing left behind: a stopped run has no checkpoint and the next run starts cleanly.
    const q = s.client.resumeInfo();
    expect((await s.until('resume-info', q)).info).toBeNull();
    const next = s.client.start(tiny({ students: [{ method: 'student-alone' }] }));
    expect((await s.end(next)).type).toBe('done');
  });

  it('a config this device cannot hold is refused before anything is allocated, with figures', async () => {
    const s = open();
    const before = tf.memory().numTensors;
    const id = s.client.start(
      tiny({
        data: { dataset: 'synthetic', trainSize: 20000, testSize: 2000, size: 32, channels: 3 },
        teacher: { model: { family: 'wrn', depth: 40, widen: 10, dropout: 0.3 }, epochs: 1 },
        student: { model: { family: 'wrn', depth: 40, widen: 10, dropout: 0 }, epochs: 1 },
        batchSize: 512,
      }),
    );
    const err = (await s.end(id)) as Ev<'error'>;
    expect(err.code).toBe('resources');
    expect(err.message).toMatch(/needs about [\d.]+ GB/);
    expect(s.of('started')).toHaveLength(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a worker whose script never loads: the init is answered with an error within the start-up bound', async () => {
    const silent = { postMessage: () => undefined, terminate: () => undefined } as unknown as Worker;
    const client = new TrainingClient(() => silent, 50);
    const got = new Promise<WorkerEvent>((resolve) => client.on(resolve));
    const init = client.init('auto');
    const e = (await got) as Ev<'error'>;
    expect(e).toMatchObject({ type: 'error', id: init, code: 'backend' });
    expect(e.message).toMatch(/did not start within 50 ms/);
    client.terminate();
    // A worker that loads says hello first, which ends the bound.
    const s = open();
    expect((await s.until('hello', 0)).type).toBe('hello');
  });

  it('error paths: a diverging run says so with its code; an unknown command is answered, not thrown', async () => {
    const s = open();
    const id = s.client.start(tiny({ optimizer: { type: 'sgd', lr: 1000, momentum: 0.9, weightDecay: 0 } }));
    const err = (await s.end(id)) as Ev<'error'>;
    expect(err.type).toBe('error');
    expect(err.code).toBe('diverged');
    expect(err.message).toMatch(/learning rate/);
    const bogus = s.client.send({ type: 'no-such-command' } as never);
    expect((await s.until('error', bogus)).message).toMatch(/unknown worker command/);
    const lab = s.client.attack({ type: 'corruption-preview', index: 0, seed: 1 });
    expect((await s.until('attack-error', lab)).message).toMatch(/Train first/);
  });

  it('a run interrupted after epoch 1 resumes in a new worker and ends with the uninterrupted metrics', async () => {
    const cfg = tiny({ students: [{ method: 'hinton-kd' }], seed: 5 });
    const full = open();
    const ref = (await full.end(full.client.start(cfg))) as Ev<'done'>;
    expect(ref.type).toBe('done');

    // Step mode pauses after every epoch: the checkpoint of epoch 1 is written, then the "tab" goes away.
    const first = open();
    const id = first.client.start(cfg, { stepMode: true });
    await first.until('paused', id);
    first.client.terminate(); // the old worker's run stays paused forever, as in a closed tab

    const second = open();
    const q = second.client.resumeInfo();
    const info = (await second.until('resume-info', q)).info;
    // The teacher came from the cache the uninterrupted run filled (IndexedDB), so the student's epoch 1 is saved.
    expect(info).toMatchObject({
      phase: 1,
      phaseLabel: 'S1: Hinton KD',
      epoch: 1,
      epochs: 2,
      phases: 2,
      stepMode: true,
    });
    const rid = second.client.resumeRun();
    const replayed = await second.until('epoch', rid);
    expect(replayed.metrics.epoch).toBe(1);
    await pressOn(second, rid);
    const done = await second.until('done', rid);
    // It continued: the student's phase is marked resumed and only its second epoch was trained again.
    expect(second.of('phase', rid).find((e) => e.phase.id === 'student-1')?.phase.resumed).toBe(true);
    const trained = second.of('steps', rid).flatMap((e) => e.samples);
    expect(trained.length).toBeGreaterThan(0);
    expect(trained.every((x) => x.id === 'student-1' && x.epoch === 1)).toBe(true);
    for (const [a, b] of done.results.map((r, i) => [r, ref.results[i]] as const)) {
      expect(a.id).toBe(b.id);
      expect(a.testAcc).toBeCloseTo(b.testAcc, 6);
      expect(a.testLoss).toBeCloseTo(b.testLoss, 5);
    }
  });

  it('two tabs train at once; one closes mid-run: a new tab resumes it exactly, the other run is untouched', async () => {
    const cfgA = tiny({ students: [{ method: 'hinton-kd' }], seed: 11 });
    const cfgB = tiny({ students: [{ method: 'student-alone' }], seed: 12 });
    const ref = open();
    const refA = (await ref.end(ref.client.start(cfgA))) as Ev<'done'>;
    const refB = (await ref.end(ref.client.start(cfgB))) as Ev<'done'>;
    expect([refA.type, refB.type]).toEqual(['done', 'done']);

    const a = open();
    const b = open();
    const idA = a.client.start(cfgA, { stepMode: true });
    const idB = b.client.start(cfgB, { stepMode: true });
    await Promise.all([a.until('paused', idA), b.until('paused', idB)]);
    a.client.terminate(); // tab A closes mid-run; tab B is paused after its first epoch, still owning its run

    const c = open();
    const info = await c.until('resume-info', c.client.resumeInfo());
    expect(info.elsewhere).toBe(1); // B's run: counted, not offered
    expect(info.info?.config.seed).toBe(11);
    const otherKey = await runKeyOf(b);
    const refused = c.client.resumeRun(otherKey);
    expect((await c.until('error', refused)).message).toMatch(/in progress in another tab/);

    const rid = c.client.resumeRun(info.info!.runKey);
    await pressOn(c, rid);
    const doneA = await c.until('done', rid);
    await pressOn(b, idB);
    const doneB = await b.until('done', idB);
    expect(doneA.results.map((r) => r.testAcc)).toEqual(refA.results.map((r) => r.testAcc));
    expect(doneB.results.map((r) => r.testAcc)).toEqual(refB.results.map((r) => r.testAcc));
    expect(doneB.results.map((r) => r.testLoss)).toEqual(refB.results.map((r) => r.testLoss));
    // Both finished: no record left, nothing elsewhere.
    const after = await c.until('resume-info', c.client.resumeInfo());
    expect([after.info, after.elsewhere]).toEqual([null, 0]);
  });

  it('a run another tab owns appears as resumable here once that tab closes (unasked resume-info)', async () => {
    const owner = open();
    const id = owner.client.start(tiny({ seed: 21, students: [{ method: 'student-alone' }] }), { stepMode: true });
    await owner.until('paused', id);
    const here = open();
    const first = await here.until('resume-info', here.client.resumeInfo());
    expect([first.info, first.elsewhere]).toEqual([null, 1]);
    owner.client.terminate();
    const pushed = await here.until('resume-info', 0);
    expect(pushed.info?.config.seed).toBe(21);
    expect(pushed.elsewhere).toBe(0);
    const d = here.client.discardCheckpoint(pushed.info!.runKey);
    expect((await here.until('resume-info', d)).info).toBeNull();
  });

  it('the device is lost mid-run: the run continues on the next backend from its last epoch and says so', async () => {
    const hooks = inProcessWorkerWithHooks();
    const s = open(() => hooks.worker);
    const id = s.client.start(tiny({ students: [{ method: 'hinton-kd' }], teacher: { ...tiny().teacher, epochs: 3 } }));
    await s.until('epoch', id);
    const lostAt = s.events.length;
    hooks.loseDevice('simulated: GPU reset');
    const done = await s.until('done', id, 60_000);
    const note = s.of('notice', id).find((n) => /device was lost/.test(n.message));
    expect(note?.level).toBe('warning');
    expect(note?.message).toMatch(/The cpu device was lost \(simulated: GPU reset\): continuing on wasm from /);
    expect(note?.message).toMatch(/Nothing finished is lost/);
    expect(s.of('ready', id).map((e) => e.backend.name)).toEqual(['cpu', 'wasm']);
    expect(done.backend.name).toBe('wasm');
    expect(done.results.map((r) => r.id)).toEqual(['teacher', 'student-1']);
    expect(done.results.every((r) => r.history.length === r.history.at(-1)!.epoch)).toBe(true);
    // The teacher's first epoch was checkpointed before the loss: the continued run does not train it again.
    const after = s.events.slice(lostAt).flatMap((e) => (e.type === 'steps' ? e.samples : []));
    expect(after.some((x) => x.id === 'teacher' && x.epoch === 0)).toBe(false);
    expect(s.of('error', id)).toEqual([]);
    expect(s.of('stopped', id)).toEqual([]);
  });

  it('a trained model exports as .kdnpm and imports back as an attack source; tensors stay bounded', async () => {
    const s = open();
    const id = s.client.start(tiny({ students: [{ method: 'student-alone' }] }));
    await s.until('done', id);
    const before = tf.memory().numTensors;
    const ex = s.client.exportModel('student-1');
    const file = await s.until('model-file', ex);
    expect(file.fileName).toBe('S1-Student-alone.kdnpm');
    const imp = s.client.importModels([new File([file.bytes as BlobPart], file.fileName)], tiny().data as never, 3);
    const added = await s.until('models-imported', imp);
    expect(added.models).toEqual([
      { id: 'imported-S1-Student-alone', label: 'Imported: S1: Student alone', kind: 'student' },
    ]);
    const g = s.client.attack({
      type: 'attack-gallery',
      attack: { kind: 'fgsm', eps: 0.1 },
      source: added.models[0].id,
      pick: { mode: 'random', count: 2, seed: 1 },
    });
    const gallery = await s.until('attack-gallery', g);
    expect(gallery.result.items).toHaveLength(2);
    expect(Object.keys(gallery.result.items[0].after)).toContain('imported-S1-Student-alone');
    // The imported model's weights are the only new tensors.
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    expect(tf.memory().numTensors - before).toBeLessThan(20);
  });
});

/** The run key of the run a session is training, from the storage the tabs share (its only owned record). */
async function runKeyOf(s: Session): Promise<string> {
  const { listCheckpoints } = await import('../storage/checkpoints');
  const seed = s.of('started')[0].config.seed;
  const rec = (await listCheckpoints()).find((c) => c.checkpoint.config.seed === seed);
  if (!rec) throw new Error(`no checkpoint of the run with seed ${seed}`);
  return rec.runKey;
}

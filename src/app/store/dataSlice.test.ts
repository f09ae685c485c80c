// The data slice through the real store and the real worker code (in-process, cpu backend, fake-indexeddb): an
// import's error stays through later loads until it is dismissed or a later import succeeds.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DataSpec } from '../../core/config/schema';
import { cifarBatch } from '../../core/data/formats/testFixtures';
import { inProcessWorker } from '../../test/inProcessWorker';
import { setWorkerFactory } from './client';
import { useStore } from '.';

setWorkerFactory(inProcessWorker);

const s = useStore.getState;
/** Every data error message the UI has to show. */
const shown = () => [s().dataError?.message, s().importError].filter(Boolean);

async function until(test: () => boolean, ms = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!test()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting for the store');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const synthetic: DataSpec = { dataset: 'synthetic', trainSize: 40, testSize: 20, size: 8, channels: 1 } as DataSpec;
const badBatch = () => new File([new Uint8Array(3073 * 2 + 100)], 'data_batch_1.bin');
const goodBatch = () =>
  new File([cifarBatch(Array.from({ length: 60 }, (_, i) => i % 10)) as Uint8Array<ArrayBuffer>], 'data_batch_1.bin');
const IMPORT_ERROR = /^data_batch_1\.bin: .*3,073-byte CIFAR-10 records/;

describe('data errors', () => {
  it('keep an import error through later loads until dismissed or a later import succeeds', async () => {
    s().importData([badBatch()], 'mnist');
    await until(() => !s().importing);
    expect(shown()).toEqual([expect.stringMatching(IMPORT_ERROR)]);

    // A load starting (the form changed, say) and then succeeding leaves the import's message in place.
    s().loadData(synthetic, 3);
    expect(shown()).toEqual([expect.stringMatching(IMPORT_ERROR)]);
    await until(() => s().dataInfo?.dataset === 'synthetic');
    expect(shown()).toEqual([expect.stringMatching(IMPORT_ERROR)]);

    // A failing load (CIFAR-10 is neither cached nor prepared here) shows its own error beside it.
    s().loadData({ ...synthetic, dataset: 'cifar-10' } as DataSpec, 3);
    await until(() => s().dataError !== null);
    expect(s().dataError).toEqual({ dataset: 'cifar-10', message: expect.stringMatching(/^CIFAR-10 is not loaded/) });
    expect(shown()).toHaveLength(2);
    s().dismissDataError();
    expect(shown()).toEqual([expect.stringMatching(IMPORT_ERROR)]);

    s().dismissImportError();
    expect(shown()).toEqual([]);

    // Failed again, then a good import: its success clears the earlier failure.
    s().importData([badBatch()], 'mnist');
    await until(() => !s().importing);
    expect(shown()).toEqual([expect.stringMatching(IMPORT_ERROR)]);
    s().importData([goodBatch()], 'mnist');
    await until(() => !s().importing);
    expect(s().dataInfo?.dataset).toBe('cifar-10');
    expect(shown()).toEqual([]);
  });
});

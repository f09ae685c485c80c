// Run history when only the page's storage fails (fake-indexeddb whose writes throw a quota error, as a full
// disk does): the failure becomes one visible warning notice per session, and the history stays readable.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExperimentConfig } from '../../core/config/schema';
import type { RunRecord } from '../../storage/runs';
import { useStore } from '.';

const s = useStore.getState;
let n = 0;
const run = (): RunRecord => ({
  id: `r${++n}`,
  savedAt: n,
  appVersion: 'test',
  config: { seed: 1 } as ExperimentConfig,
  backend: { name: 'cpu', adapter: 'Node cpu' },
  status: 'done',
  seconds: 1,
  results: [],
});

/** Writes to IndexedDB throw as they do when the quota is exceeded; reads still work. */
function failWrites(): void {
  const quota = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(quota);
  vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(quota);
}

const NOT_SAVED = 'Run history is not being saved: the browser storage quota is exceeded.';

afterEach(() => vi.restoreAllMocks());

describe('run history when the page cannot store it', () => {
  it('says so once per session, in a warning notice', async () => {
    await s().recordRun(run());
    expect(s().history.map((h) => h.record.id)).toEqual(['r1']);
    expect(s().notices).toEqual([]);

    failWrites();
    await s().recordRun(run());
    expect(s().notices.map((x) => [x.level, x.message])).toEqual([['warning', NOT_SAVED]]);
    expect(s().history.map((h) => h.record.id)).toEqual(['r1']); // still readable
    expect(s().historyProblem).toBe('This run was not saved to the history: the browser storage quota is exceeded.');

    // Later failures (another run, a deletion), even after the notice was dismissed, do not repeat it.
    await s().recordRun(run());
    await s().deleteHistoryRun('r1');
    expect(s().notices).toHaveLength(1);
    s().dismissNotice(s().notices[0].id);
    await s().recordRun(run());
    expect(s().notices).toEqual([]);
  });
});

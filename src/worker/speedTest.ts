// The speed test: the default student's warm training speed on the backend a preference selects, for the app's
// time estimates. It runs in the run owner's queue (never beside a run) and gives way to a run asked for meanwhile.
import type { BackendPreference } from '../core/config/schema';
import { probeSpeed } from '../core/train/speedProbe';
import type { BackendOwner } from './backendOwner';
import type { WorkerEvent } from './protocol';

export async function speedTest(
  id: number,
  pref: BackendPreference,
  backends: BackendOwner,
  post: (e: WorkerEvent) => void,
  cancelled: () => boolean,
): Promise<void> {
  if (cancelled()) return post({ type: 'speed', id, probe: null, backend: null, reason: 'a run started' });
  try {
    const backend = await backends.ensure(id, pref);
    const probe = await probeSpeed({ seconds: 1, cancelled });
    post({
      type: 'speed',
      id,
      probe,
      backend,
      ...(probe ? {} : { reason: cancelled() ? 'a run started' : 'the backend is still compiling' }),
    });
  } catch (e) {
    post({ type: 'speed', id, probe: null, backend: null, reason: (e as Error).message || String(e) });
  }
}

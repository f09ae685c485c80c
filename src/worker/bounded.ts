// Every wait has a bound and a message: a promise that may never settle (a WebGPU adapter request, a backend
// init, a stalled download) is raced against a timer that rejects with what did not answer, and for how long.
export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${formatMs(ms)}`);
    this.name = 'TimeoutError';
  }
}

const formatMs = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`);

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * For streams: aborts when no progress was reported for `ms` (a download that stalls, however long it is).
 * Call `alive()` on every chunk; `done()` when finished.
 */
export function stallGuard(ms: number, what: string) {
  const ctrl = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => ctrl.abort(new TimeoutError(what, ms)), ms);
  };
  arm();
  return {
    signal: ctrl.signal,
    alive: arm,
    done: () => clearTimeout(timer),
    /** The stall as the error to throw, when the abort came from this guard. */
    reason: () => (ctrl.signal.aborted ? (ctrl.signal.reason as Error) : null),
  };
}

// The bounds every wait gets: a promise that never settles is rejected with what did not answer; a stream that
// stops sending aborts after its stall bound, while one that keeps sending is never cut off.
import { describe, expect, it } from 'vitest';
import { stallGuard, TimeoutError, withTimeout } from './bounded';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('bounded waits', () => {
  it('withTimeout: a promise that never answers is rejected with its name and bound; one that answers passes', async () => {
    await expect(withTimeout(new Promise(() => undefined), 30, 'the adapter request')).rejects.toThrow(
      new TimeoutError('the adapter request', 30),
    );
    await expect(withTimeout(new Promise(() => undefined), 30, 'x')).rejects.toThrow(/x did not answer within 30 ms/);
    await expect(withTimeout(Promise.resolve(7), 30, 'x')).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('own')), 30, 'x')).rejects.toThrow('own');
  });

  it('stallGuard: aborts after a silence, never while progress keeps arriving', async () => {
    const busy = stallGuard(40, 'the download of a.bin');
    for (let i = 0; i < 6; i++) {
      await sleep(15);
      busy.alive();
    }
    expect(busy.signal.aborted).toBe(false);
    busy.done();
    await sleep(60);
    expect(busy.signal.aborted).toBe(false);
    const quiet = stallGuard(30, 'the download of b.bin');
    await sleep(60);
    expect(quiet.signal.aborted).toBe(true);
    expect(quiet.reason()?.message).toBe('the download of b.bin did not answer within 30 ms');
  });
});

// Pause / resume / stop between training steps, and a cheap way to let the worker's message loop run.

export class StoppedError extends Error {
  constructor() {
    super('Run stopped by the user');
    this.name = 'StoppedError';
  }
}

export class RunControl {
  private paused = false;
  private stopped = false;
  private wake: (() => void) | null = null;

  get isPaused(): boolean {
    return this.paused;
  }
  get isStopped(): boolean {
    return this.stopped;
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
    this.wake?.();
  }
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }
  /** Throws StoppedError if stopped; waits while paused. Call between steps. */
  async checkpoint(onPause?: () => void): Promise<void> {
    if (this.stopped) throw new StoppedError();
    if (!this.paused) return;
    onPause?.();
    while (this.paused && !this.stopped) await new Promise<void>((r) => (this.wake = r));
    this.wake = null;
    if (this.stopped) throw new StoppedError();
  }
}

/** A macrotask turn (so queued messages such as "pause" get handled) without setTimeout's 4 ms clamp. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

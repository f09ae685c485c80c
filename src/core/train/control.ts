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
  /** Steps to run before pausing again (step-by-step: "Step one batch"); null when not stepping. */
  private budget: number | null = null;
  /** Slow motion for a demo: wait this long before each step. */
  private delayMs = 0;

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
    this.budget = null;
    this.wake?.();
  }
  /** From a pause: run exactly one more step (one batch), then pause again. */
  stepOnce(): void {
    if (!this.paused || this.stopped) return;
    this.paused = false;
    // The waiting checkpoint returns and lets this step through; the next call finds 0 and pauses.
    this.budget = 0;
    this.wake?.();
  }
  /** 0 for full speed; at most 5 s per step. */
  setDelay(ms: number): void {
    this.delayMs = Math.max(0, Math.min(5000, Number.isFinite(ms) ? ms : 0));
  }
  get delay(): number {
    return this.delayMs;
  }
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }
  /** Throws StoppedError if stopped; waits while paused. Call between steps. */
  async checkpoint(onPause?: () => void): Promise<void> {
    if (this.stopped) throw new StoppedError();
    if (this.budget !== null) {
      // Stepping: this call lets one step through; the next one pauses.
      if (this.budget > 0) this.budget--;
      else {
        this.budget = null;
        this.paused = true;
      }
    }
    if (!this.paused) {
      if (this.delayMs > 0)
        await new Promise<void>((r) => {
          const t = setTimeout(r, this.delayMs);
          this.wake = () => (clearTimeout(t), r()); // Stop ends the wait at once
        });
      this.wake = null;
      if (this.stopped) throw new StoppedError();
      return;
    }
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

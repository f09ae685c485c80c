// Batches frequent events so the UI thread gets at most one message per interval.
export class Batcher<T> {
  private buf: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(
    private readonly flushFn: (items: T[]) => void,
    private readonly intervalMs = 100,
  ) {}
  push(item: T): void {
    this.buf.push(item);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buf.length) this.flushFn(this.buf.splice(0));
  }
}

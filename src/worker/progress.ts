// Progress with an ETA from the average rate so far, throttled to ~10 messages a second (the last one always goes).
export function etaThrottle(send: (done: number, total: number, etaSeconds: number | null) => void) {
  const t0 = performance.now();
  let last = 0;
  return (done: number, total: number, force = false): void => {
    const now = performance.now();
    if (!force && now - last < 100 && !(total > 0 && done >= total)) return;
    last = now;
    const rate = done / Math.max(1e-3, (now - t0) / 1000);
    send(done, total, total > 0 && done > 0 && done < total ? (total - done) / rate : null);
  };
}

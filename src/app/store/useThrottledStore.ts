// Subscribe to a slice of the store but re-render at most once per `ms` (leading and trailing edge) while a run is
// going, so heavy views such as the charts stay cheap while the worker streams ~10 messages per second. Renders are
// transitions (never flushSync): React may split them into small tasks, and the page never blocks on a redraw.
import { startTransition, useEffect, useState } from 'react';
import { useStore } from './index';
import { isActive } from './runSlice';
import type { Store } from './types';

/**
 * Redraws of all throttled views are spaced at least this far apart, so two heavy views (the loss and accuracy
 * charts) never commit in the same task: each commit is a separate, short piece of main-thread work.
 */
const GAP_MS = 150;
let nextSlot = 0;

/** When a redraw may start now, claim the slot and return 0; otherwise how long to wait for it. */
function claimSlot(): number {
  const now = performance.now();
  if (now < nextSlot) return nextSlot - now;
  nextSlot = now + GAP_MS;
  return 0;
}

/** `selector` must be stable (defined at module level). */
export function useThrottledStore<T>(selector: (s: Store) => T, ms: number): T {
  const [value, setValue] = useState(() => selector(useStore.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    let shown = selector(useStore.getState());
    const flush = () => {
      timer = null;
      const next = selector(useStore.getState());
      if (next === shown) return;
      const wait = claimSlot();
      if (wait > 0) {
        timer = setTimeout(flush, wait);
        return;
      }
      last = performance.now();
      shown = next;
      startTransition(() => setValue(() => next));
    };
    setValue(() => shown); // catch up with changes between render and subscription (no-op when none)
    const unsub = useStore.subscribe((s) => {
      if (selector(s) === shown) return;
      if (!isActive(s.status)) {
        // Not running (a new run resets, or the run just ended): follow now, still without blocking.
        if (timer) clearTimeout(timer);
        timer = null;
        flush();
        return;
      }
      if (timer) return;
      timer = setTimeout(flush, Math.max(0, last + ms - performance.now()));
    });
    return () => {
      unsub();
      if (timer) clearTimeout(timer);
    };
  }, [selector, ms]);
  return value;
}

/**
 * `value`, each change shown in its own redraw slot (see GAP_MS): for a view's parts that change together with
 * another view's, such as the two charts' axes when the first epoch arrives. Each axis change re-renders every
 * tick label and re-runs recharts' layout, and both charts' in one commit made a 55–80 ms long task (measured).
 */
export function useSpaced<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const go = () => {
      const wait = claimSlot();
      if (wait > 0) {
        timer = setTimeout(go, wait);
        return;
      }
      timer = null;
      startTransition(() => setShown(() => value));
    };
    go();
    return () => {
      if (timer) clearTimeout(timer);
    };
  }, [value]);
  return shown;
}

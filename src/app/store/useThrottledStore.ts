// Subscribe to a slice of the store but re-render at most once per `ms` (leading and trailing edge) while a run is
// going, so heavy views such as the charts stay cheap while the worker streams ~10 messages per second. When no run
// is active the view follows at once, so a finished run always shows its final data.
import { startTransition, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useStore } from './index';
import { isActive } from './runSlice';
import type { Store } from './types';

/** `selector` must be stable (defined at module level). */
export function useThrottledStore<T>(selector: (s: Store) => T, ms: number): T {
  const [value, setValue] = useState(() => selector(useStore.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const flush = () => {
      timer = null;
      last = performance.now();
      // A transition: React may split the (heavy) chart render into small tasks and never block input.
      startTransition(() => setValue(() => selector(useStore.getState())));
    };
    setValue(() => selector(useStore.getState())); // catch up with changes between render and subscription
    const unsub = useStore.subscribe((s, prev) => {
      const changed = selector(s) !== selector(prev);
      if (!isActive(s.status)) {
        if (!changed && !timer) return;
        if (timer) clearTimeout(timer);
        timer = null;
        last = performance.now();
        flushSync(() => setValue(() => selector(s)));
        return;
      }
      if (timer || !changed) return;
      timer = setTimeout(flush, Math.max(0, last + ms - performance.now()));
    });
    return () => {
      unsub();
      if (timer) clearTimeout(timer);
    };
  }, [selector, ms]);
  return value;
}

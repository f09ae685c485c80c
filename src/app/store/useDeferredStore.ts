// Subscriptions for run-derived state that render in a transition instead of synchronously.
//
// zustand's own `useStore` goes through useSyncExternalStore, which always renders at once and in one piece: every
// worker message (about ten a second) would re-render every subscribed view in a single blocking task. These hooks
// copy the selected slice into React state inside `startTransition`, so React renders it in small time slices
// (yielding to input and to the page) and merges updates that arrive while it is still rendering.
import { startTransition, useEffect, useState } from 'react';
import { useStore } from './index';
import type { Store } from './types';

export type Equality<T> = (a: T, b: T) => boolean;

/**
 * The selected slice, re-rendered in a transition when it changes. `selector` and `isEqual` must be stable (module
 * level); `isEqual` decides whether a new selection is worth a render (selectors may build fresh objects).
 */
export function useDeferredStore<T>(selector: (s: Store) => T, isEqual: Equality<T> = Object.is): T {
  const [value, setValue] = useState(() => selector(useStore.getState()));
  useEffect(() => {
    let last = selector(useStore.getState());
    setValue((v) => (isEqual(v, last) ? v : last)); // catch up with changes between render and subscription
    return useStore.subscribe((s) => {
      const next = selector(s);
      if (isEqual(last, next)) return;
      last = next;
      startTransition(() => setValue(() => next));
    });
  }, [selector, isEqual]);
  return value;
}

/** Element-wise equality of two arrays (for selectors that build a fresh array of stable items). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Equality of two flat records by their own values. */
export function sameFields<T extends object>(a: T, b: T): boolean {
  if (a === b) return true;
  const ka = Object.keys(a) as (keyof T)[];
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.is(a[k], b[k])) return false;
  return true;
}

// A wrapper that scrolls a wide table sideways. While its content overflows it is a named, focusable region, so
// keyboard users can scroll it with the arrow keys (WCAG 2.1.1); while everything fits it adds no tab stop.
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

export function ScrollRegion({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const overflows = useOverflows(ref);
  return (
    <div
      ref={ref}
      className="table-wrap"
      data-testid={testId}
      {...(overflows ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}
    >
      {children}
    </div>
  );
}

/** Whether the element's content is wider than the element, followed as either changes size. */
function useOverflows(ref: RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    // No check() here: reading scrollWidth in the effect forced a layout of the whole page at once (5 ms of a
    // 55 ms long task when the first result arrived, measured); observe() reports every element once anyway,
    // after the browser's own layout.
    return () => observer.disconnect();
  }, [ref]);
  return overflows;
}

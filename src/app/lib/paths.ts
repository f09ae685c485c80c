// Immutable get/set by a dotted path ("students.2.sigma"), used by the form fields.

export type Path = string;

export function getIn(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function setIn<T>(obj: T, path: Path, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const src = obj as unknown;
  const next: unknown = rest.length ? setIn(getIn(src, head) ?? {}, rest.join('.'), value) : value;
  if (Array.isArray(src)) {
    const copy = src.slice();
    copy[Number(head)] = next;
    return copy as T;
  }
  return { ...(src as Record<string, unknown>), [head]: next } as T;
}

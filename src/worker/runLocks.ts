// Which tab owns which run: a Web Lock per run key, held by the worker that trains it for as long as it does.
// The browser releases a lock when its tab (and so its worker) goes away, so a run whose lock is free is an
// interrupted run that this tab may resume; one whose lock is held is running in another tab.
export interface RunLocks {
  /** Takes the lock if nobody holds it; the returned function releases it. null when another holder has it. */
  tryHold(name: string): Promise<(() => void) | null>;
  /** The lock names held right now, by any tab of this origin. */
  held(): Promise<Set<string>>;
  /** Resolves once the lock is free (its holder released it or closed). */
  whenFree(name: string): Promise<void>;
}

export const runLockName = (runKey: string) => `kd-noise-playground-run:${runKey}`;

/** navigator.locks in a worker or page; without it (old browsers) every lock is this tab's own. */
export function browserLocks(): RunLocks {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return singleTabLocks();
  return {
    tryHold: (name) =>
      new Promise((resolve, reject) => {
        locks
          .request(name, { ifAvailable: true }, (lock) => {
            if (!lock) return resolve(null);
            return new Promise<void>((release) => resolve(() => release()));
          })
          .catch(reject);
      }),
    held: async () => new Set(((await locks.query()).held ?? []).map((l) => l.name ?? '')),
    whenFree: async (name) => {
      await locks.request(name, async () => undefined);
    },
  };
}

/** Where single-registry locks live: one per page without Web Locks; shared by in-process "tabs" in tests. */
export interface LockRegistry {
  held: Map<string, object>;
  waiters: Map<string, (() => void)[]>;
}
export const lockRegistry = (): LockRegistry => ({ held: new Map(), waiters: new Map() });

/** Locks in one registry; `releaseAll` is what a closing tab does to the locks its owner holds. */
export function singleTabLocks(
  reg: LockRegistry = lockRegistry(),
  owner: object = {},
): RunLocks & { releaseAll(): void } {
  const free = (name: string) => {
    reg.held.delete(name);
    for (const w of reg.waiters.get(name)?.splice(0) ?? []) w();
  };
  return {
    tryHold: async (name) => {
      if (reg.held.has(name)) return null;
      reg.held.set(name, owner);
      return () => reg.held.get(name) === owner && free(name);
    },
    held: async () => new Set(reg.held.keys()),
    whenFree: (name) =>
      reg.held.has(name)
        ? new Promise<void>((r) => reg.waiters.set(name, [...(reg.waiters.get(name) ?? []), r]))
        : Promise.resolve(),
    releaseAll: () => [...reg.held].filter(([, o]) => o === owner).forEach(([n]) => free(n)),
  };
}

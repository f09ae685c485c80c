// How a run's failures reach the UI: errors tagged with the protocol's code where they arise (backend, data),
// and the one event that ends a run that threw.
import { StoppedError } from '../core/train/control';
import { DivergedError } from '../core/train/trainer';
import type { ErrorCode, WorkerEvent } from './protocol';

type Coded = Error & { code?: ErrorCode };

/** A `.catch` that tags the error with its code and rethrows it. */
export const coded = (code: ErrorCode) => (e: unknown) => {
  throw Object.assign(e as Error, { code });
};

export function codedError(code: ErrorCode, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** The event that ends a run that threw. */
export function endOf(id: number, e: unknown): WorkerEvent {
  if (e instanceof StoppedError) return { type: 'stopped', id };
  if (e instanceof DivergedError) return { type: 'error', id, code: 'diverged', message: e.message };
  return { type: 'error', id, code: (e as Coded).code ?? 'internal', message: (e as Error).message || String(e) };
}

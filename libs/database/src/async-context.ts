import { AsyncResource } from 'node:async_hooks';

/** runs `fn` in the async context captured when it was made (log bindings, trace span) */
export type InContext = <T>(fn: () => T) => T;

/**
 * Captures the caller's async context, for work that a queue runs later on another caller's
 * behalf (a set of a group commit). Every AsyncLocalStorage's store is captured, which is where
 * the log bindings and OpenTelemetry's active span live. `runInAsyncScope` of a plain
 * AsyncResource, not `AsyncResource.bind` nor `AsyncLocalStorage.snapshot()` (which binds too):
 * Node 20's bind defines deprecated accessors on every bound function, about 1 to 2% of the
 * platform's time at one call per record in bench:orders' profile.
 */
export function captureAsyncContext(): InContext {
  const resource = new AsyncResource('captured-context');
  return <T>(fn: () => T): T => resource.runInAsyncScope(fn);
}

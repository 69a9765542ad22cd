/**
 * kafkajs 2.2.4 spins a 1 ms timer on every broker connection for as long as it is open
 * (tulios/kafkajs issues #1556, #1604, #1704; fixes proposed in pull requests #1667 and #1768,
 * none released): `RequestQueue.scheduleCheckPendingRequests` schedules its next check even
 * when no request waits and nothing is throttled, with a negative delay, so the check runs again
 * a millisecond later, and again. The platform holds one connection per broker for its producer,
 * for each consumer group and for the lag metric's admin, so an idle monolith on three brokers
 * ran dozens of these loops: most of its CPU at rest and a fixed cost under load, paid again by
 * every process of the split services (the profile of bench:kafka, docs/benchmarks.md).
 *
 * The fix is the one proposed upstream: with nothing waiting and no throttle in force there is
 * nothing to check; a request queued later schedules its own check (`push`), and a response
 * arriving checks the queue anyway (`fulfillRequest`). Throttling and queued requests are
 * handled exactly as before. Installed once per process by createKafkaClient, only on the
 * version it was written for: any other version is left alone (its unit test says whether the
 * loop is still there).
 */
const FIXED_VERSION = '2.2.4';
/** kafkajs' own interval for a queue that waits on requests in flight (requestQueue/index.js) */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

interface RequestQueueInternals {
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  pending: unknown[];
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

interface RequestQueueClass {
  prototype: RequestQueueInternals;
}

let installed = false;

/** true when kafkajs' RequestQueue now runs the fixed check (installed here or before) */
export function installRequestQueueFix(): boolean {
  if (installed) return true;
  // kafkajs has no "exports" map, so its internal modules can be required by path
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('kafkajs/package.json') as { version: string };
  if (version !== FIXED_VERSION) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue') as RequestQueueClass;
  RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(
    this: RequestQueueInternals,
  ): void {
    if (this.throttleCheckTimeoutId) return;
    let scheduleAt = this.throttledUntil - Date.now();
    if (this.pending.length > 0) scheduleAt = scheduleAt > 0 ? scheduleAt : CHECK_PENDING_REQUESTS_INTERVAL_MS;
    else if (scheduleAt <= 0) return; // nothing waits, nothing is throttled: nothing to check (the fix)
    this.throttleCheckTimeoutId = setTimeout(() => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    }, scheduleAt);
  };
  installed = true;
  return true;
}

import type { EventMetadata } from '@platform/events';
import { activeTraceparent } from '@platform/observability';

/**
 * The span a shipment remembers, so that the events the carrier clock causes later join the
 * order's trace: the consumer span of the order-confirmed that created it. A set's work runs in
 * the async context of its first record (GroupCommit), so the active span is that record's: it
 * is taken only when it belongs to this record's trace; any other record of the set takes the
 * span its order-confirmed was created under (one level up, in the right trace). With tracing
 * off, that is the traceparent the event carried.
 */
export function shipmentTraceparent(caused: EventMetadata): string | undefined {
  const active = activeTraceparent();
  return active && traceIdOf(active) === traceIdOf(caused.traceparent) ? active : caused.traceparent;
}

/** `00-<trace id>-<span id>-<flags>` */
function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent?.split('-')[1];
}

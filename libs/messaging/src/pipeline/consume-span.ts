import { HEADER } from '@platform/events';
import type { ConsumeSpanInfo } from '@platform/observability';
import type { ReceivedRecord } from './received-record';
import type { Subscription } from './subscription';

/** what the consumer span says of a record, read from its headers (it may not decode) */
export function consumeSpanOf(system: string, subscription: Subscription, record: ReceivedRecord): ConsumeSpanInfo {
  return {
    system,
    topic: record.topic,
    group: subscription.group,
    partition: record.partition,
    offset: record.offset,
    traceparent: record.headers[HEADER.traceparent],
    eventId: record.headers[HEADER.eventId],
    correlationId: record.headers[HEADER.correlationId],
  };
}

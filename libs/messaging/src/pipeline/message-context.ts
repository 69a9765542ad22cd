import { BaseRpcContext } from '@nestjs/microservices';
import type { Transaction } from '@platform/database';
import type { EventEnvelope, EventMetadata } from '@platform/events';

export interface Delivery {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** 1 on first delivery to the handler, then 2, 3, ... on retries */
  readonly attempt: number;
}

/**
 * What a handler gets besides the event: the transaction its writes (and its outbox rows) must
 * use, where the record came from, and the metadata for events it causes.
 */
export class MessageContext extends BaseRpcContext<[Transaction, Delivery]> {
  constructor(
    readonly tx: Transaction,
    readonly delivery: Delivery,
    private readonly event: EventEnvelope,
  ) {
    super([tx, delivery]);
  }

  /** metadata for events caused by this one: same correlation and trace, causation = this event */
  causedMetadata(): EventMetadata {
    return {
      correlationId: this.event.correlationId,
      causationId: this.event.eventId,
      traceparent: this.event.traceparent,
    };
  }
}

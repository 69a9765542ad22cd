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
 * What a command sent by an integration handler takes from its message: the pipeline's
 * transaction, which the command handler must join (docs/adr/0009-commands-and-queries.md), the
 * metadata for the events it causes, and where the record came from.
 */
export interface MessageOrigin {
  readonly tx: Transaction;
  readonly metadata: EventMetadata;
  readonly delivery: Delivery;
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

  /** for a command sent while handling this event */
  origin(): MessageOrigin {
    return { tx: this.tx, metadata: this.causedMetadata(), delivery: this.delivery };
  }
}

/**
 * What a handler that takes sets (@OnEvents) gets besides the events: the one transaction of the
 * whole set, and each event's own MessageContext, at the same index as its event.
 */
export class MessageSetContext extends BaseRpcContext<[Transaction]> {
  constructor(
    readonly tx: Transaction,
    readonly records: readonly MessageContext[],
  ) {
    super([tx]);
  }
}

import type { EventEnvelope } from '@platform/events';
import type { MessageContext, MessageSetContext } from './message-context';

/**
 * A Nest message handler as the transport holds it (returns a value, a promise or an Observable):
 * one event and its context, or, for a subscription that takes sets, the events and their set's context.
 */
export type BoundHandler = (
  event: EventEnvelope | readonly EventEnvelope[],
  context: MessageContext | MessageSetContext,
) => unknown;

/** One consumer group's handler for one topic: what the pipeline runs a record through. */
export interface Subscription {
  readonly group: string;
  readonly topic: string;
  readonly handler: BoundHandler;
  /** the handler takes the records of one transaction as a set (@OnEvents) */
  readonly takesSets?: boolean;
}

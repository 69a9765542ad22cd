import type { EventEnvelope } from '@platform/events';
import type { MessageContext } from './message-context';

/** A Nest message handler as the transport holds it (returns a value, a promise or an Observable). */
export type BoundHandler = (event: EventEnvelope, context: MessageContext) => unknown;

/** One consumer group's handler for one topic: what the pipeline runs a record through. */
export interface Subscription {
  readonly group: string;
  readonly topic: string;
  readonly handler: BoundHandler;
}

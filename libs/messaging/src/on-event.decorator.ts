import { applyDecorators, Catch, UseFilters, type RpcExceptionFilter } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import type { EventContract } from '@platform/events';

export interface SubscriptionExtras {
  readonly group: string;
  readonly topic: string;
  /** the handler takes the records of a consumer transaction as a set (@OnEvents) */
  readonly sets?: boolean;
}

/**
 * Passes a handler's error through unchanged. Nest's default RPC filter would replace it with a
 * generic "Internal server error", and the pipeline needs the original to tell a permanent
 * failure (dead-letter now) from a transient one (retry).
 */
@Catch()
export class RethrowToPipeline implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Subscribes a handler method to an event for a consumer group (one group per context):
 * `@OnEvent(INVENTORY, OrderPlacedV1Contract) reserveStock(event, ctx: MessageContext)`.
 * It is Nest's @EventPattern underneath, so the same handler runs on every transport. The
 * method always receives the decoded envelope first and the MessageContext second (Nest would
 * otherwise pass only the payload to a method without @Payload/@Ctx parameter decorators).
 */
export function OnEvent(group: string, contract: EventContract): MethodDecorator {
  return subscribe({ group, topic: contract.topic });
}

/**
 * Subscribes a handler method that takes a set of events at once (docs/adr/0026-work-in-sets.md):
 * `@OnEvents(ORDERS, StockReservedV1Contract) apply(events: EventEnvelope[], ctx: MessageSetContext)`.
 * When several records of its topic wait for the group's consumer transaction, the method gets all
 * of them, in the order they arrived, and changes its tables with set-based SQL; a record on its
 * own comes as a set of one. Two events of one key can be in a set: apply them in order. Throw
 * on any failure: the set then rolls back and each record runs again as a set of one, so the
 * failure is blamed on its record and retried or dead-lettered alone.
 */
export function OnEvents(group: string, contract: EventContract): MethodDecorator {
  return subscribe({ group, topic: contract.topic, sets: true });
}

function subscribe(extras: SubscriptionExtras): MethodDecorator {
  const { group, topic } = extras;
  const nestDecorators = applyDecorators(
    EventPattern(subscriptionPattern(group, topic), { ...extras }),
    UseFilters(new RethrowToPipeline()),
  );
  return (target, key, descriptor) => {
    nestDecorators(target, key, descriptor);
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
  };
}

export function subscriptionPattern(group: string, topic: string): string {
  return `${group}:${topic}`;
}

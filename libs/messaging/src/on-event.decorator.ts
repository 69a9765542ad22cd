import { applyDecorators, Catch, UseFilters, type RpcExceptionFilter } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import type { EventContract } from '@platform/events';

export interface SubscriptionExtras {
  readonly group: string;
  readonly topic: string;
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
  const extras: SubscriptionExtras = { group, topic: contract.topic };
  const nestDecorators = applyDecorators(
    EventPattern(subscriptionPattern(group, contract.topic), { ...extras }),
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

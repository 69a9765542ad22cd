import type { MessageHandler } from '@nestjs/microservices';
import type { SubscriptionExtras } from './on-event.decorator';
import type { BoundHandler, Subscription } from './pipeline/subscription';

/** The @OnEvent handlers a transport strategy was given, as (group, topic, handler) subscriptions. */
export function subscriptionsOf(handlers: ReadonlyMap<string, MessageHandler>): Subscription[] {
  const result: Subscription[] = [];
  for (const handler of handlers.values()) {
    const extras = handler.extras as Partial<SubscriptionExtras> | undefined;
    if (!handler.isEventHandler || !extras?.group || !extras.topic) continue;
    result.push({
      group: extras.group,
      topic: extras.topic,
      handler: handler as unknown as BoundHandler,
      takesSets: extras.sets === true,
    });
  }
  return result;
}

import { PATTERN_EXTRAS_METADATA } from '@nestjs/microservices/constants';
import { CONTEXT_MODULES } from '../../../apps/monolith/src/contexts';
import type { SubscriptionExtras } from '../../../libs/messaging/src/on-event.decorator';

/**
 * The catalogue topics a context's consumer group reads, from its module's @OnEvent handlers
 * (the metadata Nest reads at start), without starting Nest: the topics whose offsets a shadow
 * takes over from the live group.
 */
export function consumedTopicsOf(context: string): string[] {
  const contextModule = CONTEXT_MODULES[context];
  if (!contextModule) throw new Error(`unknown context ${context}`);
  const controllers = (Reflect.getMetadata('controllers', contextModule) ?? []) as Array<{ prototype: object }>;
  const topics = new Set<string>();
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = prototype[name];
      if (typeof method !== 'function') continue;
      const extras = Reflect.getMetadata(PATTERN_EXTRAS_METADATA, method) as Partial<SubscriptionExtras> | undefined;
      if (extras?.group === context && extras.topic) topics.add(extras.topic);
    }
  }
  return [...topics].sort();
}

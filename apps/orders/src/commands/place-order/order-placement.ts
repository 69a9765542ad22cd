import { captureAsyncContext } from '@platform/database';
import { activeTraceparent } from '@platform/observability';
import type { PlaceOrderCommand } from './place-order.command';

/**
 * A command on its way into a set of placements. A set runs in the async context of its first
 * request, so what belongs to each request's own context is taken where the command was
 * submitted: the span its saga remembers, and the context its events are created in (each
 * event's `create <topic>` span under that request's span, not under the first one's).
 */
export interface OrderPlacement {
  readonly command: PlaceOrderCommand;
  readonly traceparent: string | undefined;
  readonly inRequestContext: <T>(fn: () => T) => T;
}

/** call it in the submitting request's async context */
export function placementOf(command: PlaceOrderCommand): OrderPlacement {
  return {
    command,
    traceparent: activeTraceparent(),
    inRequestContext: captureAsyncContext(),
  };
}

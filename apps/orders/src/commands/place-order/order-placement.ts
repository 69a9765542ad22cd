import { activeTraceparent } from '@platform/observability';
import type { PlaceOrderCommand } from './place-order.command';

/**
 * A command on its way into a set of placements. A set runs in the async context of its first
 * request, so the span its saga remembers is taken where the command was submitted (its events
 * are appended in its own context, which GroupCommit hands the set work).
 */
export interface OrderPlacement {
  readonly command: PlaceOrderCommand;
  readonly traceparent: string | undefined;
}

/** call it in the submitting request's async context */
export function placementOf(command: PlaceOrderCommand): OrderPlacement {
  return {
    command,
    traceparent: activeTraceparent(),
  };
}

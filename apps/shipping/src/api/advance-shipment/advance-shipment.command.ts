import { Command } from '@nestjs/cqrs';
import type { AdvanceRefusalCode } from '../../domain/decide-advance';
import type { Shipment } from '../../domain/shipment';

export type AdvanceOutcome =
  | { readonly kind: 'advanced'; readonly shipment: Shipment }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-due' }
  | { readonly kind: 'refused'; readonly code: AdvanceRefusalCode; readonly detail: string };

/**
 * Who asks for the step: an operator (now, whatever the carrier clock says, under the request's
 * correlation id) or the fake carrier's clock (only when due, under the shipment's own).
 */
export type AdvanceTrigger =
  { readonly by: 'operator'; readonly correlationId: string } | { readonly by: 'carrier-clock' };

/** Move one shipment one step (CREATED -> DISPATCHED -> DELIVERED), in a transaction of its own. */
export class AdvanceShipmentCommand extends Command<AdvanceOutcome> {
  constructor(
    readonly orderId: string,
    readonly trigger: AdvanceTrigger,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import type { Shipment } from '../../domain/shipment';

/**
 * Who asks for the step: an operator (now, whatever the carrier clock says, under the request's
 * correlation id) or the fake carrier's clock (only when due, under the shipment's own).
 */
export type AdvanceTrigger =
  { readonly by: 'operator'; readonly correlationId: string } | { readonly by: 'carrier-clock' };

/**
 * Move one shipment one step (CREATED -> DISPATCHED -> DELIVERED), in a transaction of its own.
 * The result is the shipment after the step, or why not: SHIPPING.SHIPMENT_NOT_FOUND,
 * SHIPPING.ALREADY_DELIVERED, SHIPPING.SHIPMENT_CANCELLED, or (the carrier clock only) SHIPPING.NOT_DUE.
 */
export class AdvanceShipmentCommand extends Command<Refusable<Shipment>> {
  constructor(
    readonly orderId: string,
    readonly trigger: AdvanceTrigger,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { Transaction } from '@platform/database';
import type { Refusable } from '@platform/domain';
import type { EventMetadata } from '@platform/events';
import type { CarrierAddress, CarrierLine } from '../../adapters/carrier.port';

/**
 * Book a confirmed order with the carrier and announce its shipment, once per order. Sent by the
 * consumer pipeline, so it runs in that transaction; `deliveryAttempt` goes into the carrier-call
 * journal, and `metadata` onto the shipment and its event.
 */
export class CreateShipmentCommand extends Command<Refusable<void>> {
  constructor(
    readonly orderId: string,
    readonly shippingAddress: CarrierAddress,
    readonly lines: readonly CarrierLine[],
    readonly deliveryAttempt: number,
    readonly metadata: EventMetadata,
    readonly tx: Transaction,
  ) {
    super();
  }
}

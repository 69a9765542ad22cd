import { Controller } from '@nestjs/common';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageSetContext, OnEvents } from '@platform/messaging';
import { SHIPPING } from '../../context';
import { CreateShipments } from './create-shipments';

/** Confirmed orders ship: book them with the carrier and announce the shipments; a set at a time. */
@Controller()
export class CreateShipmentWhenOrderConfirmed {
  constructor(private readonly shipments: CreateShipments) {}

  @OnEvents(SHIPPING, OrderConfirmedV1Contract)
  async handle(confirmations: ReadonlyArray<EventEnvelope<OrderConfirmedV1>>, set: MessageSetContext): Promise<void> {
    await this.shipments.create(
      confirmations.map((confirmed) => confirmed.payload),
      set,
    );
  }
}

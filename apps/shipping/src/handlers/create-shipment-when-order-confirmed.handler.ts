import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { CreateShipmentCommand } from '../commands/create-shipment/create-shipment.command';
import { SHIPPING } from '../context';
import { assertOrderId } from './order-id.guard';

/** A confirmed order ships: book it with the carrier and announce the shipment. */
@Controller()
export class CreateShipmentWhenOrderConfirmed {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(SHIPPING, OrderConfirmedV1Contract)
  async handle(confirmed: EventEnvelope<OrderConfirmedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, shippingAddress, lines } = confirmed.payload;
    assertOrderId(orderId);
    await this.commands.execute(
      new CreateShipmentCommand(orderId, shippingAddress, lines, ctx.delivery.attempt, ctx.causedMetadata(), ctx.tx),
    );
  }
}

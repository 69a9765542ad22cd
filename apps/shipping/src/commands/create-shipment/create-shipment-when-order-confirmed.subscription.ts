import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { CreateShipmentCommand } from './create-shipment.command';
import { SHIPPING } from '../../context';

/** A confirmed order ships: book it with the carrier and announce the shipment. */
@Controller()
export class CreateShipmentWhenOrderConfirmed {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(SHIPPING, OrderConfirmedV1Contract)
  async handle(confirmed: EventEnvelope<OrderConfirmedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, shippingAddress, lines } = confirmed.payload;
    const { attempt } = ctx.delivery;
    const command = new CreateShipmentCommand(orderId, shippingAddress, lines, attempt, ctx.causedMetadata(), ctx.tx);
    orPermanentFailure(await this.commands.execute(command));
  }
}

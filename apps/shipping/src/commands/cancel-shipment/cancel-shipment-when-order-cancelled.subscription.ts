import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderCancelledV1Contract, type EventEnvelope, type OrderCancelledV1 } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { CancelShipmentCommand } from './cancel-shipment.command';
import { SHIPPING } from '../../context';

/** A cancelled order must not ship. */
@Controller()
export class CancelShipmentWhenOrderCancelled {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(SHIPPING, OrderCancelledV1Contract)
  async handle(cancelled: EventEnvelope<OrderCancelledV1>, ctx: MessageContext): Promise<void> {
    const { orderId, reason } = cancelled.payload;
    const command = new CancelShipmentCommand(orderId, reason, cancelled.correlationId, ctx.tx);
    orPermanentFailure(await this.commands.execute(command));
  }
}

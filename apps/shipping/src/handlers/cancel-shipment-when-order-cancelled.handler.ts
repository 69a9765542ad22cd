import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderCancelledV1Contract, type EventEnvelope, type OrderCancelledV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { CancelShipmentCommand } from '../commands/cancel-shipment/cancel-shipment.command';
import { SHIPPING } from '../context';
import { assertOrderId } from './order-id.guard';

/** A cancelled order must not ship. */
@Controller()
export class CancelShipmentWhenOrderCancelled {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(SHIPPING, OrderCancelledV1Contract)
  async handle(cancelled: EventEnvelope<OrderCancelledV1>, ctx: MessageContext): Promise<void> {
    const { orderId, reason } = cancelled.payload;
    assertOrderId(orderId);
    await this.commands.execute(new CancelShipmentCommand(orderId, reason, cancelled.correlationId, ctx.tx));
  }
}

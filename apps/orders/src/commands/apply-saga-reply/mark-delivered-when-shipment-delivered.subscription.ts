import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ShipmentDeliveredV1Contract, type EventEnvelope, type ShipmentDeliveredV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';
import { ORDERS } from '../../context';

/** Delivered: the order is DELIVERED. */
@Controller()
export class MarkDeliveredWhenShipmentDelivered {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ORDERS, ShipmentDeliveredV1Contract)
  async handle(reply: EventEnvelope<ShipmentDeliveredV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(
      new ApplySagaReplyCommand(reply.payload.orderId, { type: 'ShipmentDelivered' }, ctx.origin()),
    );
  }
}

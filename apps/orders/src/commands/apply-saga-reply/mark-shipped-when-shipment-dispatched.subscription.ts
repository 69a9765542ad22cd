import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ShipmentDispatchedV1Contract, type EventEnvelope, type ShipmentDispatchedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';
import { ORDERS } from '../../context';

/** Dispatched: the order is SHIPPED; if it had been cancelled meanwhile, the captured payment is refunded. */
@Controller()
export class MarkShippedWhenShipmentDispatched {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ORDERS, ShipmentDispatchedV1Contract)
  async handle(reply: EventEnvelope<ShipmentDispatchedV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(
      new ApplySagaReplyCommand(reply.payload.orderId, { type: 'ShipmentDispatched' }, ctx.origin()),
    );
  }
}

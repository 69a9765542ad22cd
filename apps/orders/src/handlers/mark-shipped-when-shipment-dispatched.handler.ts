import { Controller } from '@nestjs/common';
import { ShipmentDispatchedV1Contract, type EventEnvelope, type ShipmentDispatchedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ORDERS } from '../context';
import { SagaReplies } from '../saga/saga-replies';

/** Dispatched: the order is SHIPPED; if it had been cancelled meanwhile, the captured payment is refunded. */
@Controller()
export class MarkShippedWhenShipmentDispatched {
  constructor(private readonly replies: SagaReplies) {}

  @OnEvent(ORDERS, ShipmentDispatchedV1Contract)
  async handle(reply: EventEnvelope<ShipmentDispatchedV1>, ctx: MessageContext): Promise<void> {
    await this.replies.apply(ctx, reply.payload.orderId, { type: 'ShipmentDispatched' });
  }
}

import { Controller } from '@nestjs/common';
import { ShipmentDeliveredV1Contract, type EventEnvelope, type ShipmentDeliveredV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ORDERS } from '../context';
import { SagaReplies } from '../saga/saga-replies';

/** Delivered: the order is DELIVERED. */
@Controller()
export class MarkDeliveredWhenShipmentDelivered {
  constructor(private readonly replies: SagaReplies) {}

  @OnEvent(ORDERS, ShipmentDeliveredV1Contract)
  async handle(reply: EventEnvelope<ShipmentDeliveredV1>, ctx: MessageContext): Promise<void> {
    await this.replies.apply(ctx, reply.payload.orderId, { type: 'ShipmentDelivered' });
  }
}

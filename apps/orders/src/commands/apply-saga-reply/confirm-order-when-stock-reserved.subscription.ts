import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { StockReservedV1Contract, type EventEnvelope, type StockReservedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';
import { ORDERS } from '../../context';

/** Stock held: confirms the order once the payment is authorised too; after a cancellation, releases it again. */
@Controller()
export class ConfirmOrderWhenStockReserved {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ORDERS, StockReservedV1Contract)
  async handle(reply: EventEnvelope<StockReservedV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(
      new ApplySagaReplyCommand(reply.payload.orderId, { type: 'StockReserved' }, ctx.origin()),
    );
  }
}

import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { StockReleasedV1Contract, type EventEnvelope, type StockReleasedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';
import { ORDERS } from '../../context';

/** A compensation done: records that the stock is released. */
@Controller()
export class TrackStockWhenStockReleased {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ORDERS, StockReleasedV1Contract)
  async handle(reply: EventEnvelope<StockReleasedV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(
      new ApplySagaReplyCommand(reply.payload.orderId, { type: 'StockReleased' }, ctx.origin()),
    );
  }
}

import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { StockReservationFailedV1Contract, type EventEnvelope, type StockReservationFailedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ApplySagaReplyCommand } from './apply-saga-reply.command';
import { ORDERS } from '../../context';

/** Not enough stock: cancels a PENDING order (OUT_OF_STOCK) and voids its payment. */
@Controller()
export class CancelOrderWhenStockReservationFailed {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(ORDERS, StockReservationFailedV1Contract)
  async handle(failed: EventEnvelope<StockReservationFailedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, reason, shortLines } = failed.payload;
    const detail = shortLines.map((l) => `${l.sku} requested ${l.requested}, available ${l.available}`).join('; ');
    await this.commands.execute(
      new ApplySagaReplyCommand(orderId, { type: 'StockReservationFailed', reason, detail }, ctx.origin()),
    );
  }
}

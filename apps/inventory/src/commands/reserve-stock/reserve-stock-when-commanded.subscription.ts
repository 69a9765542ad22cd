import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ReserveStockV1Contract, type EventEnvelope, type ReserveStockV1 } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { ReserveStockCommand } from './reserve-stock.command';
import { INVENTORY } from '../../context';

/** The saga asks for an order's stock, all or nothing; answered with stock-reserved or stock-reservation-failed. */
@Controller()
export class ReserveStockWhenCommanded {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(INVENTORY, ReserveStockV1Contract)
  async handle(command: EventEnvelope<ReserveStockV1>, ctx: MessageContext): Promise<void> {
    const { orderId, lines } = command.payload;
    orPermanentFailure(await this.commands.execute(new ReserveStockCommand(orderId, lines, ctx.origin())));
  }
}

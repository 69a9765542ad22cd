import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ReserveStockV1Contract, type EventEnvelope, type ReserveStockV1 } from '@platform/events';
import { MessageSetContext, OnEvents, orPermanentFailure } from '@platform/messaging';
import { ReserveStockCommand } from './reserve-stock.command';
import { INVENTORY } from '../../context';

/**
 * The saga asks for orders' stock, each all or nothing; answered with stock-reserved or
 * stock-reservation-failed. Takes the commands of a consumer transaction as a set; a malformed one
 * throws, the set runs apart, and that command alone is dead-lettered.
 */
@Controller()
export class ReserveStockWhenCommanded {
  constructor(private readonly commands: CommandBus) {}

  @OnEvents(INVENTORY, ReserveStockV1Contract)
  async handle(commands: ReadonlyArray<EventEnvelope<ReserveStockV1>>, ctx: MessageSetContext): Promise<void> {
    const requests = commands.map(({ payload }, index) => ({
      orderId: payload.orderId,
      lines: payload.lines,
      metadata: ctx.records[index].causedMetadata(),
    }));
    orPermanentFailure(await this.commands.execute(new ReserveStockCommand(requests, ctx.tx)));
  }
}

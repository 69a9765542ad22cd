import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ReleaseStockV1Contract, type EventEnvelope, type ReleaseStockV1 } from '@platform/events';
import { MessageSetContext, OnEvents } from '@platform/messaging';
import { ReleaseStockCommand } from './release-stock.command';
import { INVENTORY } from '../../context';

/** The saga compensates: give the orders' reserved stock back. Taken as a set. */
@Controller()
export class ReleaseStockWhenCommanded {
  constructor(private readonly commands: CommandBus) {}

  @OnEvents(INVENTORY, ReleaseStockV1Contract)
  async handle(commands: ReadonlyArray<EventEnvelope<ReleaseStockV1>>, ctx: MessageSetContext): Promise<void> {
    const releases = commands.map(({ payload: { orderId, reason } }, index) => ({
      orderId,
      reason,
      metadata: ctx.records[index].causedMetadata(),
    }));
    await this.commands.execute(new ReleaseStockCommand(releases, ctx.tx));
  }
}

import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ReleaseStockV1Contract, type EventEnvelope, type ReleaseStockV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ReleaseStockCommand } from './release-stock.command';
import { INVENTORY } from '../../context';

/** The saga compensates: give the order's reserved stock back. */
@Controller()
export class ReleaseStockWhenCommanded {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(INVENTORY, ReleaseStockV1Contract)
  async handle(command: EventEnvelope<ReleaseStockV1>, ctx: MessageContext): Promise<void> {
    const { orderId, reason } = command.payload;
    await this.commands.execute(new ReleaseStockCommand(orderId, reason, ctx.origin()));
  }
}

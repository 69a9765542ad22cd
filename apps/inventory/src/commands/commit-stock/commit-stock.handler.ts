import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@platform/domain';
import { decideCommit } from '../../domain/commit-decision';
import { moveStock } from '../../persistence/product.repository';
import { lockReservation, setReservationStatus } from '../../persistence/reservation.repository';
import { CommitStockCommand } from './commit-stock.command';

@CommandHandler(CommitStockCommand)
export class CommitStockHandler implements ICommandHandler<CommitStockCommand> {
  private readonly logger = new Logger(CommitStockHandler.name);

  constructor(private readonly clock: Clock) {}

  async execute({ orderId, shipmentId, tx }: CommitStockCommand): Promise<void> {
    const manager = tx.manager;
    const decision = decideCommit(await lockReservation(manager, orderId));
    if (decision.kind === 'ignore') {
      this.logger.log(`shipment ${shipmentId} of order ${orderId} commits nothing: ${decision.why}`);
      return;
    }
    const now = this.clock.now();
    await moveStock(manager, decision.lines, 'commit', now);
    await setReservationStatus(manager, orderId, 'COMMITTED', now);
  }
}

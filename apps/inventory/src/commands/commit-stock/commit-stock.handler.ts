import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@platform/domain';
import { decideCommits } from '../../domain/commit-decision';
import type { StockLine } from '../../domain/stock-line';
import { moveStock } from '../../persistence/product.repository';
import { lockReservations, setReservationsStatus } from '../../persistence/reservation.repository';
import { CommitStockCommand } from './commit-stock.command';

/**
 * Commits the reservations of a set of dispatched orders in three statements whatever the set's
 * size: lock the reservations, take the lines off the products, mark them COMMITTED.
 */
@CommandHandler(CommitStockCommand)
export class CommitStockHandler implements ICommandHandler<CommitStockCommand> {
  private readonly logger = new Logger(CommitStockHandler.name);

  constructor(private readonly clock: Clock) {}

  async execute({ dispatches, tx }: CommitStockCommand): Promise<void> {
    const manager = tx.manager;
    const orderIds = dispatches.map((dispatch) => dispatch.orderId);
    const decisions = decideCommits(orderIds, await lockReservations(manager, orderIds));
    const committed: string[] = [];
    const lines: StockLine[] = [];
    for (const [index, decision] of decisions.entries()) {
      const { orderId, shipmentId } = dispatches[index];
      if (decision.kind === 'ignore') {
        this.logger.log(`shipment ${shipmentId} of order ${orderId} commits nothing: ${decision.why}`);
        continue;
      }
      committed.push(orderId);
      lines.push(...decision.lines);
    }
    if (committed.length === 0) return;
    const now = this.clock.now();
    await moveStock(manager, lines, 'commit', now);
    await setReservationsStatus(manager, committed, 'COMMITTED', now);
  }
}

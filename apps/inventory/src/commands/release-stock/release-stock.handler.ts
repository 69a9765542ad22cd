import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, unreachable } from '@platform/domain';
import { StockReleasedV1Contract } from '@platform/events';
import { OutboxWriter, event } from '@platform/outbox';
import { decideRelease } from '../../domain/release-decision';
import { moveStock } from '../../persistence/product.repository';
import { insertReservation, lockReservation, setReservationStatus } from '../../persistence/reservation.repository';
import { ReleaseStockCommand } from './release-stock.command';

/**
 * Answered with stock-released whatever there was to release (the saga may wait for it), except
 * after a commit. A release that overtakes its reserve leaves a tombstone
 * (domain/release-decision.ts explains why).
 */
@CommandHandler(ReleaseStockCommand)
export class ReleaseStockHandler implements ICommandHandler<ReleaseStockCommand> {
  private readonly logger = new Logger(ReleaseStockHandler.name);

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ orderId, reason, origin }: ReleaseStockCommand): Promise<void> {
    const { tx } = origin;
    const manager = tx.manager;
    const decision = decideRelease(await lockReservation(manager, orderId));
    const now = this.clock.now();
    switch (decision.kind) {
      case 'release':
        await moveStock(manager, decision.lines, 'release', now);
        await setReservationStatus(manager, orderId, 'RELEASED', now);
        break;
      case 'tombstone':
        await insertReservation(manager, { orderId, status: 'RELEASED', lines: [] }, now);
        break;
      case 'acknowledge':
        break;
      case 'ignore':
        this.logger.warn(`release of order ${orderId} (${reason}) ignored: ${decision.why}`);
        return;
      default:
        return unreachable(decision);
    }
    await this.outbox.append(tx, origin.metadata, [event(StockReleasedV1Contract, { orderId })]);
  }
}

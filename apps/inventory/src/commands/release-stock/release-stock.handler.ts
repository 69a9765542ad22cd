import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, unreachable } from '@platform/domain';
import { StockReleasedV1Contract } from '@platform/events';
import { OutboxWriter, event } from '@platform/outbox';
import { decideReleases } from '../../domain/release-decision';
import type { Reservation } from '../../domain/reservation';
import type { StockLine } from '../../domain/stock-line';
import { moveStock } from '../../persistence/product.repository';
import { insertReservations, lockReservations, setReservationsStatus } from '../../persistence/reservation.repository';
import { ReleaseStockCommand } from './release-stock.command';

/**
 * Answered with stock-released whatever there was to release (the saga may wait for it), except
 * after a commit. A release that overtakes its reserve leaves a tombstone
 * (domain/release-decision.ts explains why). A set costs a few statements whatever its size:
 * lock the reservations, give the stock back, mark them RELEASED, insert the tombstones.
 */
@CommandHandler(ReleaseStockCommand)
export class ReleaseStockHandler implements ICommandHandler<ReleaseStockCommand> {
  private readonly logger = new Logger(ReleaseStockHandler.name);

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ releases, tx }: ReleaseStockCommand): Promise<void> {
    const { manager } = tx;
    const orderIds = releases.map((release) => release.orderId);
    const decisions = decideReleases(orderIds, await lockReservations(manager, orderIds));
    const released: string[] = [];
    const lines: StockLine[] = [];
    const tombstones: Reservation[] = [];
    for (const [index, decision] of decisions.entries()) {
      const { orderId, reason, metadata } = releases[index];
      switch (decision.kind) {
        case 'release':
          released.push(orderId);
          lines.push(...decision.lines);
          break;
        case 'tombstone':
          tombstones.push({ orderId, status: 'RELEASED', lines: [] });
          break;
        case 'acknowledge':
          break;
        case 'ignore':
          this.logger.warn(`release of order ${orderId} (${reason}) ignored: ${decision.why}`);
          continue;
        default:
          return unreachable(decision);
      }
      await this.outbox.append(tx, metadata, [event(StockReleasedV1Contract, { orderId })]);
    }
    const now = this.clock.now();
    if (released.length > 0) {
      await moveStock(manager, lines, 'release', now);
      await setReservationsStatus(manager, released, 'RELEASED', now);
    }
    await insertReservations(manager, tombstones, now);
  }
}

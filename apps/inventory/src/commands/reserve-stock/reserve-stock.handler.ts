import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, Refusal, type Refusable } from '@platform/domain';
import { OutboxWriter } from '@platform/outbox';
import { decideReservations } from '../../domain/reserve-set-decision';
import { lockStockLevels, moveStock } from '../../persistence/product.repository';
import { insertReservations, lockReservations } from '../../persistence/reservation.repository';
import { reservationOutcomeEvent } from './reservation-outcome.event';
import { ReserveStockCommand } from './reserve-stock.command';

/**
 * Keyed by orderId: a request sent again (same or new eventId) finds the reservation and replays
 * its outcome without reserving twice. A whole set costs the same few statements as one order:
 * lock the orders' reservations, lock the products the new ones ask for (both sorted, so sets
 * never deadlock), then one stock update and one insert of the new reservations; the answers go
 * to the outbox, which writes them all in one statement before the commit.
 */
@CommandHandler(ReserveStockCommand)
export class ReserveStockHandler implements ICommandHandler<ReserveStockCommand> {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ requests, tx }: ReserveStockCommand): Promise<Refusable<void>> {
    const { manager } = tx;
    const existing = await lockReservations(
      manager,
      requests.map((request) => request.orderId),
    );
    const asked = requests.filter((request) => !existing.has(request.orderId)).flatMap((request) => request.lines);
    const stock =
      asked.length === 0
        ? new Map()
        : await lockStockLevels(
            manager,
            asked.map((line) => line.sku),
          );
    const decision = decideReservations(requests, existing, stock);
    if (decision.kind === 'invalid')
      return Refusal.invalid(decision.code, `order ${decision.orderId}: ${decision.detail}`);
    const now = this.clock.now();
    if (decision.reserved.length > 0) await moveStock(manager, decision.reserved, 'reserve', now);
    await insertReservations(manager, decision.created, now);
    for (const [index, { orderId, metadata }] of requests.entries()) {
      await this.outbox.append(tx, metadata, [reservationOutcomeEvent(orderId, decision.outcomes[index])]);
    }
  }
}

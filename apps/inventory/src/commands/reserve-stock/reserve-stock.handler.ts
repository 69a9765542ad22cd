import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, isRefusal, Refusal, type Refusable } from '@platform/domain';
import { OutboxWriter } from '@platform/outbox';
import type { EntityManager } from 'typeorm';
import {
  decideReservation,
  replayReservation,
  reservationAfter,
  type ReservationOutcome,
} from '../../domain/reserve-decision';
import { normaliseLines } from '../../domain/stock-line';
import { lockStockLevels, moveStock } from '../../persistence/product.repository';
import { insertReservation, lockReservation } from '../../persistence/reservation.repository';
import { reservationOutcomeEvent } from './reservation-outcome.event';
import { ReserveStockCommand } from './reserve-stock.command';

/**
 * Keyed by orderId: a request sent again (same or new eventId) finds the reservation and replays
 * its outcome without reserving twice.
 */
@CommandHandler(ReserveStockCommand)
export class ReserveStockHandler implements ICommandHandler<ReserveStockCommand> {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ orderId, lines, origin }: ReserveStockCommand): Promise<Refusable<void>> {
    const { tx } = origin;
    const existing = await lockReservation(tx.manager, orderId);
    const outcome = existing ? replayReservation(existing) : await this.decideFirst(tx.manager, orderId, lines);
    if (isRefusal(outcome)) return outcome;
    await this.outbox.append(tx, origin.metadata, [reservationOutcomeEvent(orderId, outcome)]);
  }

  /** locks the order's product rows (sorted), decides on what they hold, and records the outcome; malformed lines are refused */
  private async decideFirst(
    manager: EntityManager,
    orderId: string,
    requested: ReserveStockCommand['lines'],
  ): Promise<Refusable<ReservationOutcome>> {
    const checked = normaliseLines(requested);
    if (!checked.ok) return Refusal.invalid(checked.code, `order ${orderId}: ${checked.detail}`);
    const stock = await lockStockLevels(
      manager,
      checked.lines.map((line) => line.sku),
    );
    const outcome = decideReservation(checked.lines, stock);
    const now = this.clock.now();
    if (outcome.kind === 'reserved') await moveStock(manager, outcome.lines, 'reserve', now);
    await insertReservation(manager, reservationAfter(orderId, checked.lines, outcome), now);
    return outcome;
  }
}

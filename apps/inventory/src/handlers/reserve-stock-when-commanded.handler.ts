import { Controller } from '@nestjs/common';
import { Clock } from '@platform/config';
import { ReserveStockV1Contract, type EventEnvelope, type ReserveStockV1 } from '@platform/events';
import { MessageContext, OnEvent, PermanentFailure } from '@platform/messaging';
import { OutboxWriter } from '@platform/outbox';
import type { EntityManager } from 'typeorm';
import { INVENTORY } from '../context';
import {
  decideReservation,
  replayReservation,
  reservationAfter,
  type ReservationOutcome,
} from '../domain/reserve-decision';
import { normaliseLines } from '../domain/stock-line';
import { lockStockLevels, moveStock } from '../persistence/product.repository';
import { insertReservation, lockReservation } from '../persistence/reservation.repository';
import { reservationOutcomeEvent } from './reservation-outcome.event';

/**
 * The saga asks for an order's stock, all or nothing. Keyed by orderId: a command sent again
 * (same or new eventId) finds the reservation and replays its outcome without reserving twice.
 */
@Controller()
export class ReserveStockWhenCommanded {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  @OnEvent(INVENTORY, ReserveStockV1Contract)
  async handle(command: EventEnvelope<ReserveStockV1>, ctx: MessageContext): Promise<void> {
    const { orderId, lines } = command.payload;
    const existing = await lockReservation(ctx.tx.manager, orderId);
    const outcome = existing ? replayReservation(existing) : await this.decideFirst(ctx.tx.manager, orderId, lines);
    await this.outbox.append(ctx.tx, ctx.causedMetadata(), [reservationOutcomeEvent(orderId, outcome)]);
  }

  /** locks the order's product rows (sorted), decides on what they hold, and records the outcome */
  private async decideFirst(
    manager: EntityManager,
    orderId: string,
    requested: ReserveStockV1['lines'],
  ): Promise<ReservationOutcome> {
    const checked = normaliseLines(requested);
    if (!checked.ok) throw new PermanentFailure(checked.code, `order ${orderId}: ${checked.detail}`);
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

import { StockReservationFailedV1Contract, StockReservedV1Contract } from '@platform/events';
import { event, type NewEvent } from '@platform/outbox';
import type { ReservationOutcome } from '../../domain/reserve-decision';

/** The answer to a reserve command, first time or replayed: stock-reserved or stock-reservation-failed. */
export function reservationOutcomeEvent(orderId: string, outcome: ReservationOutcome): NewEvent {
  if (outcome.kind === 'reserved') {
    return event(StockReservedV1Contract, { orderId, lines: outcome.lines });
  }
  return event(StockReservationFailedV1Contract, { orderId, reason: outcome.reason, shortLines: outcome.shortLines });
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@platform/config';
import { decideReversal } from '../domain/order-points';
import { LedgerRepository } from '../persistence/ledger.repository';

/**
 * Shared by the cancellation and refund handlers: close the order for good (the tombstone a late
 * confirmation will find), then take back its credit if there is one and it was not taken back.
 */
@Injectable()
export class ReversePoints {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
  ) {}

  async run(manager: EntityManager, orderId: string, reason: 'CANCELLED' | 'REFUNDED', eventId: string): Promise<void> {
    const now = this.clock.now();
    await this.ledger.lockOrder(manager, orderId);
    const state = await this.ledger.orderState(manager, orderId);
    await this.ledger.closeOrder(manager, orderId, reason, eventId, now);
    const decision = decideReversal(state);
    if (decision.kind === 'skip') return;
    await this.ledger.append(manager, {
      customerId: decision.customerId,
      orderId,
      kind: 'REVERSAL',
      points: decision.points,
      sourceEventId: eventId,
      at: now,
    });
  }
}

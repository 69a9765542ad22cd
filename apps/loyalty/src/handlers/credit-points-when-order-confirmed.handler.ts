import { Controller, Inject } from '@nestjs/common';
import { Clock } from '@platform/config';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageContext, OnEvent, PermanentFailure } from '@platform/messaging';
import { LOYALTY } from '../context';
import { decideCredit } from '../domain/order-points';
import { LOYALTY_CONFIG, type LoyaltyConfig } from '../loyalty.config';
import { LedgerRepository } from '../persistence/ledger.repository';

/** A confirmed order earns its points, once, unless it was already closed. */
@Controller()
export class CreditPointsWhenOrderConfirmed {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
    @Inject(LOYALTY_CONFIG) private readonly config: LoyaltyConfig,
  ) {}

  @OnEvent(LOYALTY, OrderConfirmedV1Contract)
  async handle(confirmed: EventEnvelope<OrderConfirmedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, customerId, totalMinor } = confirmed.payload;
    const manager = ctx.tx.manager;
    await this.ledger.lockOrder(manager, orderId);
    const state = await this.ledger.orderState(manager, orderId);
    const decision = decideCredit(state, totalMinor, this.config.pointsPerUnit);
    if (decision.kind === 'refuse') throw new PermanentFailure(decision.code, decision.detail);
    if (decision.kind === 'skip') return;
    await this.ledger.append(manager, {
      customerId,
      orderId,
      kind: 'CREDIT',
      points: decision.points,
      sourceEventId: confirmed.eventId,
      at: this.clock.now(),
    });
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@platform/domain';
import { decideReversals } from '../../domain/order-points-sets';
import { LedgerRepository, type ClosedOrder, type LedgerEntry } from '../../persistence/ledger.repository';
import { ReversePointsCommand } from './reverse-points.command';

/**
 * For both a cancellation and a refund: close the order for good (the tombstone a late
 * confirmation will find), then take back its credit if there is one and it was not taken back.
 * A set costs four statements: lock the orders, read their state, insert tombstones and reversals.
 */
@CommandHandler(ReversePointsCommand)
export class ReversePointsHandler implements ICommandHandler<ReversePointsCommand> {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ closings, tx }: ReversePointsCommand): Promise<void> {
    const { manager } = tx;
    const at = this.clock.now();
    const orderIds = closings.map((closing) => closing.orderId);
    await this.ledger.lockOrders(manager, orderIds);
    const decisions = decideReversals(orderIds, await this.ledger.orderStates(manager, orderIds));
    // an order closed twice in the set keeps its first reason, as the second insert would leave it
    const closes = new Map<string, ClosedOrder>();
    const reversals: LedgerEntry[] = [];
    for (const [index, decision] of decisions.entries()) {
      const { orderId, reason, sourceEventId } = closings[index];
      if (!closes.has(orderId)) closes.set(orderId, { orderId, reason, sourceEventId, at });
      if (decision.kind === 'skip') continue;
      const { customerId, points } = decision;
      reversals.push({ customerId, orderId, kind: 'REVERSAL', points, sourceEventId, at });
    }
    await this.ledger.closeOrders(manager, [...closes.values()]);
    await this.ledger.append(manager, reversals);
  }
}

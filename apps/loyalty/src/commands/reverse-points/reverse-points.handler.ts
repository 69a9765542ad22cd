import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@platform/domain';
import { decideReversal } from '../../domain/order-points';
import { LedgerRepository } from '../../persistence/ledger.repository';
import { ReversePointsCommand } from './reverse-points.command';

/**
 * For both a cancellation and a refund: close the order for good (the tombstone a late
 * confirmation will find), then take back its credit if there is one and it was not taken back.
 */
@CommandHandler(ReversePointsCommand)
export class ReversePointsHandler implements ICommandHandler<ReversePointsCommand> {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ orderId, reason, sourceEventId, tx }: ReversePointsCommand): Promise<void> {
    const { manager } = tx;
    const now = this.clock.now();
    await this.ledger.lockOrder(manager, orderId);
    const state = await this.ledger.orderState(manager, orderId);
    await this.ledger.closeOrder(manager, orderId, reason, sourceEventId, now);
    const decision = decideReversal(state);
    if (decision.kind === 'skip') return;
    await this.ledger.append(manager, {
      customerId: decision.customerId,
      orderId,
      kind: 'REVERSAL',
      points: decision.points,
      sourceEventId,
      at: now,
    });
  }
}

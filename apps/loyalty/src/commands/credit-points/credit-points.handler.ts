import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, Refusal, type Refusable } from '@platform/domain';
import { decideCredit } from '../../domain/order-points';
import { LOYALTY_CONFIG, type LoyaltyConfig } from '../../loyalty.settings';
import { LedgerRepository } from '../../persistence/ledger.repository';
import { CreditPointsCommand } from './credit-points.command';

/** An order earns its points once, unless it was already closed (its cancellation overtook it). */
@CommandHandler(CreditPointsCommand)
export class CreditPointsHandler implements ICommandHandler<CreditPointsCommand> {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
    @Inject(LOYALTY_CONFIG) private readonly config: LoyaltyConfig,
  ) {}

  async execute({ orderId, customerId, totalMinor, sourceEventId, tx }: CreditPointsCommand): Promise<Refusable<void>> {
    const manager = tx.manager;
    await this.ledger.lockOrder(manager, orderId);
    const state = await this.ledger.orderState(manager, orderId);
    const decision = decideCredit(state, totalMinor, this.config.pointsPerUnit);
    if (decision.kind === 'refuse') return Refusal.invalid(decision.code, decision.detail);
    if (decision.kind === 'skip') return;
    await this.ledger.append(manager, {
      customerId,
      orderId,
      kind: 'CREDIT',
      points: decision.points,
      sourceEventId,
      at: this.clock.now(),
    });
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, Refusal, type Refusable } from '@platform/domain';
import { decideCredits } from '../../domain/order-points-sets';
import { LOYALTY_CONFIG, type LoyaltyConfig } from '../../loyalty.settings';
import { LedgerRepository, type LedgerEntry } from '../../persistence/ledger.repository';
import { CreditPointsCommand } from './credit-points.command';

/**
 * An order earns its points once, unless it was already closed (its cancellation overtook it).
 * A set of confirmations costs three statements: lock the orders, read their state, insert the credits.
 */
@CommandHandler(CreditPointsCommand)
export class CreditPointsHandler implements ICommandHandler<CreditPointsCommand> {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
    @Inject(LOYALTY_CONFIG) private readonly config: LoyaltyConfig,
  ) {}

  async execute({ confirmations, tx }: CreditPointsCommand): Promise<Refusable<void>> {
    const { manager } = tx;
    const orderIds = confirmations.map((confirmation) => confirmation.orderId);
    await this.ledger.lockOrders(manager, orderIds);
    const states = await this.ledger.orderStates(manager, orderIds);
    const decisions = decideCredits(confirmations, states, this.config.pointsPerUnit);
    const at = this.clock.now();
    const credits: LedgerEntry[] = [];
    for (const [index, decision] of decisions.entries()) {
      if (decision.kind === 'refuse') return Refusal.invalid(decision.code, decision.detail);
      if (decision.kind === 'skip') continue;
      const { customerId, orderId, sourceEventId } = confirmations[index];
      credits.push({ customerId, orderId, kind: 'CREDIT', points: decision.points, sourceEventId, at });
    }
    await this.ledger.append(manager, credits);
  }
}

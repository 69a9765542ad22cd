import { ENVIRONMENT, type Environment } from '@platform/config';
import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@platform/domain';
import { ContextModule } from '@platform/messaging';
import { CreditPointsHandler } from './commands/credit-points/credit-points.handler';
import { ReversePointsHandler } from './commands/reverse-points/reverse-points.handler';
import { LOYALTY } from './context';
import { LOYALTY_CONFIG, loyaltyConfigFrom } from './loyalty.settings';
import { LOYALTY_SUBSCRIPTIONS } from './loyalty.subscriptions';
import { LedgerRepository } from './persistence/ledger.repository';
import { LoyaltyLedger1764300000000 } from './persistence/loyalty-ledger.migration';
import { GetBalanceHandler } from './queries/get-balance/get-balance.handler';
import { GetBalanceHttpController } from './queries/get-balance/get-balance.http.controller';

/**
 * The loyalty bounded context: points credited when an order is confirmed, taken back when it
 * is cancelled or its payment refunded, each at most once per order whatever is redelivered.
 */
@Module({
  imports: [ContextModule.forContext({ name: LOYALTY, migrations: [LoyaltyLedger1764300000000] })],
  controllers: [GetBalanceHttpController, ...LOYALTY_SUBSCRIPTIONS],
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: LOYALTY_CONFIG, useFactory: (env: Environment) => loyaltyConfigFrom(env), inject: [ENVIRONMENT] },
    LedgerRepository,
    CreditPointsHandler,
    ReversePointsHandler,
    GetBalanceHandler,
  ],
})
export class LoyaltyModule {}
